package io.github.calmsdk.core.http;

/**
 * One step of the pipeline around the transport: it may change the request, call the next stage (zero, one or
 * more times), and change or replace the response. The built-in stages are request id, user agent, authorization,
 * retry, redirect and logging; the auth module plugs in its bearer-token stage as the authorization stage.
 *
 * <p>Add your own with {@code ClientContext.Builder#addStage(HttpStage, Position)}: {@link Position#PER_CALL}
 * runs once per call, {@link Position#PER_ATTEMPT} once per attempt.
 *
 * <p>A stage reports failures by throwing a {@link io.github.calmsdk.core.error.CalmException}; an error status is
 * a normal response until the pipeline maps it at the end.
 *
 * <pre>{@code
 * HttpStage tenantHeader = (request, context, next) ->
 *     next.proceed(request.toBuilder().setHeader("X-Tenant", "acme").build());
 * }</pre>
 */
@FunctionalInterface
public interface HttpStage {
  /**
   * Processes one request.
   *
   * @param request the request as the earlier stages left it
   * @param context the state of the call
   * @param next the rest of the pipeline
   * @return the response
   */
  CalmResponse process(CalmRequest request, CallContext context, Next next);

  /**
   * Where a stage you add runs (as Azure clientcore's {@code HttpPipelinePosition}).
   *
   * <pre>
   * request id, user agent → authorization → PER_CALL stages → retry → PER_ATTEMPT stages → redirect → logging → transport
   * </pre>
   */
  enum Position {
    /** Once per call, before the retry stage: sees one request however often it is retried. */
    PER_CALL,
    /** Once per attempt, after the retry stage: sees every retry (and every 401 resend). */
    PER_ATTEMPT
  }

  /** The rest of the pipeline after a stage. */
  @FunctionalInterface
  interface Next {
    /**
     * Sends the request through the remaining stages and the transport.
     *
     * @param request the request
     * @return the response
     */
    CalmResponse proceed(CalmRequest request);
  }
}
