package io.github.calmsdk.core.http;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmApiException;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmInvalidRequestException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.error.CalmRateLimitException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.CalmUnavailableException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.core.internal.ErrorBody;
import io.github.calmsdk.core.internal.Redaction;
import io.github.calmsdk.core.retry.RetryAfter;
import java.time.Duration;
import java.util.Set;

/**
 * Turns an error response into its typed exception (status → exception), and an unreadable one into a decoding
 * failure. Bodies are masked by {@link CredentialMasking} first. Time (an HTTP-date Retry-After) is read against
 * {@link CalmResponse#receivedAt()}, which the transport stamps on the pipeline's clock.
 */
final class StatusErrors {
  /** The longest body excerpt an exception carries. */
  static final int EXCERPT_CHARS = 1024;

  /**
   * Statuses after which a state-changing call may have been applied. 503 is among them: no SAP source says that a
   * 503 proves the call was not processed, and a gateway can answer 503 after the backend acted.
   */
  private static final Set<Integer> MAYBE_PROCESSED = Set.of(500, 502, 503, 504);

  private StatusErrors() {}

  static ErrorDetails details(CalmResponse r) {
    byte[] masked = CredentialMasking.body(r);
    ErrorBody body = ErrorBody.parse(masked, r.header("Content-Type").orElse(null));
    return new ErrorDetails(
        r.status(),
        body.code(),
        body.message(),
        body.details(),
        r.requestId(),
        r.request().method(),
        Redaction.url(r.request().uri()),
        r.attempts(),
        Redaction.excerpt(masked, EXCERPT_CHARS));
  }

  static CalmException fromResponse(CalmResponse r) {
    ErrorDetails d = details(r);
    int s = r.status();
    String what = r.request().method() + " " + r.request().uri().getRawPath();
    if (!r.request().safeToRepeat() && MAYBE_PROCESSED.contains(s) && !declaredHarmless(r.request(), s)) {
      return new CalmAmbiguousOutcomeException(
          "outcome unknown: " + what + " failed with HTTP " + s + ", which does not prove it was not applied",
          d,
          new CalmUnavailableException("Cloud ALM answered with an error", d, null));
    }
    if (s == 401 || s == 403) {
      return new CalmAuthException(
          s == 401 ? "not authenticated" : "not authorized (the service key may lack a scope)", d, null);
    }
    if (s == 404) {
      return new CalmNotFoundException("not found", d, null);
    }
    if (s == 400 || s == 409 || s == 422) {
      return new CalmInvalidRequestException("request rejected", d, null);
    }
    if (s == 429) {
      Duration after = RetryAfter.parse(r.header("Retry-After").orElse(null), r.receivedAt()).orElse(null);
      return new CalmRateLimitException("rate limited", d, after, null);
    }
    if (s == 408) {
      return new CalmTimeoutException("the server timed out waiting for the request", d, null);
    }
    if (s >= 500) {
      return new CalmUnavailableException("Cloud ALM unavailable", d, null);
    }
    return new CalmApiException("unexpected answer", d, null);
  }

  /**
   * Whether the call declared, through its own retry policy, that this status proves it harmless to send again
   * (as an upload does for 503: an unused file creates nothing).
   */
  private static boolean declaredHarmless(CalmRequest request, int status) {
    return request.options().retryPolicy() != null
        && request.options().retryPolicy().stateChangingRetryableStatuses().contains(status);
  }

  static CalmDecodingException decodingFailure(CalmResponse r, String problem, Throwable cause) {
    String text = CredentialMasking.text(problem, r.request());
    Throwable keptCause = cause;
    if (CredentialMasking.quotesCredential(cause, r.request())) {
      // a parser's message can quote the input; never let a cause carry the credential into a stack trace
      keptCause = null;
      text += " (the parser's own message was withheld: it quoted the request's credential)";
    }
    ErrorDetails d =
        new ErrorDetails(
            r.status(),
            null,
            null,
            null,
            r.requestId(),
            r.request().method(),
            Redaction.url(r.request().uri()),
            r.attempts(),
            Redaction.excerpt(CredentialMasking.body(r), EXCERPT_CHARS));
    return new CalmDecodingException(text, d, keptCause);
  }
}
