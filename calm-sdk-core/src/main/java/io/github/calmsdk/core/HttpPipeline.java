package io.github.calmsdk.core;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.event.CallEnded;
import io.github.calmsdk.core.event.CallInfo;
import io.github.calmsdk.core.event.CallStarted;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.CallContext;
import io.github.calmsdk.core.http.CallOptions;
import io.github.calmsdk.core.http.HttpStage;
import io.github.calmsdk.core.http.HttpTransport;
import io.github.calmsdk.core.internal.Redaction;
import io.github.calmsdk.core.internal.RequestIds;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The ordered stages every call passes through, ending in the {@link HttpTransport}:
 *
 * <pre>
 * request id → user agent → [authorization] → [PER_CALL stages] → retry → [PER_ATTEMPT stages] → redirect
 *   → logging → transport (java.net.http by default)
 * </pre>
 *
 * <p>{@link #send(CalmRequest)} returns a 2xx response or throws the matching {@link CalmException} subclass, with
 * the failures of earlier attempts attached as suppressed exceptions. A state-changing call whose effect is unknown
 * fails with {@link CalmAmbiguousOutcomeException}. The client's {@link CalmListener} is told of the call's start
 * and end, each attempt and each retry. Thread-safe; built by {@link ClientContext}, one per client.
 *
 * <pre>{@code
 * ClientContext context = ClientContext.builder()
 *     .retryPolicy(RetryPolicy.builder().maxRetries(5).build())
 *     .callTimeout(Duration.ofMinutes(2))
 *     .build();
 * CalmResponse r = context.pipeline().send(CalmRequest.get(uri).build());
 * }</pre>
 */
public final class HttpPipeline {
  private final List<HttpStage> stages;
  private final HttpTransport transport;
  private final Clock clock;
  private final Duration callTimeout;
  private final Duration attemptTimeout;
  private final CalmListener listener;

  HttpPipeline(
      List<HttpStage> stages,
      HttpTransport transport,
      Clock clock,
      Duration callTimeout,
      Duration attemptTimeout,
      CalmListener listener) {
    this.stages = List.copyOf(stages);
    this.transport = Objects.requireNonNull(transport, "transport");
    this.clock = clock;
    this.callTimeout = callTimeout;
    this.attemptTimeout = attemptTimeout;
    this.listener = listener;
  }

  /**
   * Sends a call and returns its 2xx response.
   *
   * @param request the call
   * @return the response, status 2xx
   * @throws CalmException the typed failure
   */
  public CalmResponse send(CalmRequest request) {
    return call(request, true);
  }

  /**
   * Sends a call and returns its final response whatever the status, for callers that handle some error statuses
   * themselves. Failures without a response still throw.
   *
   * @param request the call
   * @return the final response after retries
   * @throws CalmException when no response arrived
   */
  public CalmResponse exchange(CalmRequest request) {
    return call(request, false);
  }

  private CalmResponse call(CalmRequest request, boolean requireSuccess) {
    Objects.requireNonNull(request, "request");
    CallOptions options = request.options();
    Duration timeout = options.timeout() != null ? options.timeout() : callTimeout;
    Duration perAttempt = options.attemptTimeout() != null ? options.attemptTimeout() : attemptTimeout;
    Instant start = clock.instant();
    CallContext context = new CallContext(info(request), clock, start.plus(timeout), perAttempt);
    boolean observed = listener != CalmListener.noop();
    if (observed) {
      listener.callStarted(new CallStarted(context.call(), start));
    }
    CalmResponse response = null;
    CalmException failure;
    try {
      response = proceed(0, request.withHeaders(options.headers()), context).withCall(context.attempt(), null);
      failure =
          requireSuccess && !response.isSuccess()
              ? CallFailures.finish(response.toException(), request, context)
              : null;
    } catch (CalmException e) {
      failure = CallFailures.finish(e, request, context);
    } catch (RuntimeException | Error e) {
      // a custom stage or transport that throws something else still ends the call for the listeners
      if (observed) {
        ended(context, start, null, e);
      }
      throw e;
    }
    if (observed) {
      ended(context, start, response, failure);
    }
    if (failure != null) {
      throw failure;
    }
    return response;
  }

  private void ended(CallContext context, Instant start, CalmResponse response, Throwable failure) {
    int status =
        response != null ? response.status() : failure instanceof CalmException c ? c.status() : 0;
    CallEnded.Outcome outcome;
    if (failure instanceof CalmAmbiguousOutcomeException) {
      outcome = CallEnded.Outcome.AMBIGUOUS;
    } else if (status >= 200 && status < 300 && failure == null) {
      outcome = CallEnded.Outcome.SUCCESS;
    } else {
      outcome = status > 0 ? CallEnded.Outcome.ERROR_STATUS : CallEnded.Outcome.FAILURE;
    }
    listener.callEnded(
        new CallEnded(
            context.call(), status, context.attempt(), Duration.between(start, clock.instant()), outcome, failure));
  }

  private static CallInfo info(CalmRequest request) {
    URI uri = request.uri();
    return new CallInfo(
        RequestIds.next(),
        request.operation(),
        request.method(),
        request.urlTemplate(),
        uri.getRawQuery() == null ? uri.toString() : Redaction.url(uri),
        uri.getHost(),
        uri.getPort());
  }

  private CalmResponse proceed(int index, CalmRequest request, CallContext context) {
    if (index == stages.size()) {
      return transport.send(request, context);
    }
    return stages.get(index).process(request, context, r -> proceed(index + 1, r, context));
  }
}
