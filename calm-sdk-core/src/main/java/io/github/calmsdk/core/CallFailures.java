package io.github.calmsdk.core;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CallContext;
import io.github.calmsdk.core.internal.Redaction;
import java.net.http.HttpTimeoutException;

/**
 * Completes a failure at the end of a call (copying with context): fills in the request, the attempt count and the
 * earlier attempts' failures, and turns a lost answer to a state-changing call into an ambiguous outcome.
 */
final class CallFailures {
  private CallFailures() {}

  static CalmException finish(CalmException e, CalmRequest request, CallContext context) {
    if (e instanceof CalmValidationException) {
      return e;
    }
    ErrorDetails d =
        e.details()
            .withRequest(request.method(), Redaction.url(request.uri()), context.requestId())
            .withAttempts(Math.max(e.details().attempts(), context.attempt()));
    CalmException out;
    if (!request.safeToRepeat() && mayHaveBeenProcessed(e)) {
      out =
          new CalmAmbiguousOutcomeException(
              "outcome unknown: " + request.method() + " " + request.uri().getRawPath()
                  + " was sent but its answer was lost (" + e.summary() + ")",
              d,
              e);
    } else {
      out = e.withDetails(d);
    }
    for (Throwable earlier : context.earlierFailures()) {
      if (earlier != e) {
        out.addSuppressed(earlier);
      }
    }
    return out;
  }

  private static boolean mayHaveBeenProcessed(CalmException e) {
    if (e instanceof CalmTransportException) {
      return ((CalmTransportException) e).requestMayHaveBeenSent();
    }
    return e instanceof CalmTimeoutException && e.getCause() instanceof HttpTimeoutException;
  }
}
