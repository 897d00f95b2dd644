package io.github.calmsdk.core.http;

/**
 * Sends one attempt over the wire and reads its answer: the last step of the pipeline. The default is the SDK's
 * {@code java.net.http} transport; tests and benchmarks plug in their own with
 * {@code ClientContext.Builder#transport(HttpTransport)}.
 *
 * <p>Return any response, whatever its status; throw {@link io.github.calmsdk.core.error.CalmTransportException}
 * when no response arrived (saying whether the request may have been sent) and
 * {@link io.github.calmsdk.core.error.CalmTimeoutException} with an {@link java.net.http.HttpTimeoutException}
 * cause when the attempt timed out. Honour {@link CallContext#nextAttemptTimeout()}.
 *
 * <pre>{@code
 * HttpTransport canned = (request, context) ->
 *     new CalmResponse(request, 200, HttpHeaders.of(Map.of(), (a, b) -> true), "{}".getBytes(), false, 1,
 *         context.requestId(), context.clock().instant());
 * ClientContext ctx = ClientContext.builder().transport(canned).build();
 * }</pre>
 */
@FunctionalInterface
public interface HttpTransport {
  /**
   * Sends the request and reads the answer.
   *
   * @param request the request, with every stage's headers
   * @param context the call
   * @return the response
   */
  CalmResponse send(CalmRequest request, CallContext context);
}
