package io.github.calmsdk.core.internal;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmApiException;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmInvalidRequestException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.error.CalmRateLimitException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.error.CalmUnavailableException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.CallContext;
import io.github.calmsdk.core.retry.RetryAfter;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Turns error responses and failed calls into the typed exceptions. */
public final class ErrorMapper {
  /** The longest body excerpt an exception carries. */
  public static final int EXCERPT_CHARS = 1024;

  private static final Set<Integer> MAYBE_PROCESSED = Set.of(500, 502, 504);

  private ErrorMapper() {}

  /**
   * What is known about an error response.
   *
   * @param r the response
   * @return the details
   */
  public static ErrorDetails details(CalmResponse r) {
    byte[] masked = maskedBody(r);
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

  /**
   * The credential the request carried (the Authorization value after its scheme), so that a server that echoes
   * it back never gets it into a message, even when it does not look like a token (an opaque one).
   */
  private static String credential(CalmResponse r) {
    String auth = r.request().header("Authorization").orElse(null);
    if (auth == null) {
      return null;
    }
    int space = auth.indexOf(' ');
    return space >= 0 ? auth.substring(space + 1).strip() : auth;
  }

  /** The body with the request's own credential, and the secret inside Basic credentials, masked. */
  private static byte[] maskedBody(CalmResponse r) {
    return Redaction.bytes(Redaction.bytes(r.body(), credential(r)), basicSecret(r));
  }

  /** For Basic credentials, the secret inside them (after the first colon), which a server may echo decoded. */
  private static String basicSecret(CalmResponse r) {
    String auth = r.request().header("Authorization").orElse("");
    if (!auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String pair = new String(java.util.Base64.getDecoder().decode(auth.substring(6).strip()), java.nio.charset.StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon >= 0 ? pair.substring(colon + 1) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The exception for a final error response.
   *
   * @param r the response, status not 2xx
   * @return the exception
   */
  public static CalmException fromResponse(CalmResponse r) {
    ErrorDetails d = details(r);
    int s = r.status();
    String what = r.request().method() + " " + r.request().uri().getRawPath();
    if (!r.request().safeToRepeat() && MAYBE_PROCESSED.contains(s)) {
      return new CalmAmbiguousOutcomeException(
          "outcome unknown: " + what + " failed with a status that does not prove it was not applied",
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
      Duration after = RetryAfter.parse(r.header("Retry-After").orElse(null), Instant.now()).orElse(null);
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
   * The exception for a response that could not be read.
   *
   * @param r the response
   * @param problem what is wrong
   * @param cause the parser's failure, or null
   * @return the exception
   */
  public static CalmDecodingException decodingFailure(CalmResponse r, String problem, Throwable cause) {
    String credential = credential(r);
    String text = Redaction.secrets(problem, credential, basicSecret(r));
    Throwable keptCause = cause;
    if (credential != null && credential.length() >= 4 && mentions(cause, credential)) {
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
            Redaction.excerpt(maskedBody(r), EXCERPT_CHARS));
    return new CalmDecodingException(text, d, keptCause);
  }

  private static boolean mentions(Throwable t, String secret) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (String.valueOf(c.getMessage()).contains(secret)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Completes a failure at the end of a call: fills in the request, the attempt count and the earlier attempts'
   * failures, and turns a lost answer to a state-changing call into an ambiguous outcome.
   *
   * @param e the failure
   * @param request the call
   * @param context the call's state
   * @return the exception to throw
   */
  public static CalmException finish(CalmException e, CalmRequest request, CallContext context) {
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
              "outcome unknown: "
                  + request.method()
                  + " "
                  + request.uri().getRawPath()
                  + " was sent but its answer was lost ("
                  + e.summary()
                  + ")",
              d,
              e);
    } else {
      out = rebuild(e, d);
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

  /** The same kind of exception with completed details; unknown subclasses pass unchanged. */
  private static CalmException rebuild(CalmException e, ErrorDetails d) {
    if (e.details().equals(d)) {
      return e;
    }
    Class<?> c = e.getClass();
    CalmException out;
    if (c == CalmTransportException.class) {
      out = new CalmTransportException(e.summary(), d, ((CalmTransportException) e).requestMayHaveBeenSent(), e.getCause());
    } else if (c == CalmTimeoutException.class) {
      out = new CalmTimeoutException(e.summary(), d, e.getCause());
    } else if (c == CalmAuthException.class) {
      out = new CalmAuthException(e.summary(), d, e.getCause());
    } else if (c == CalmDecodingException.class) {
      out = new CalmDecodingException(e.summary(), d, e.getCause());
    } else if (c == CalmUnavailableException.class) {
      out = new CalmUnavailableException(e.summary(), d, e.getCause());
    } else if (c == CalmException.class) {
      out = new CalmException(e.summary(), d, e.getCause());
    } else {
      return e;
    }
    for (Throwable s : e.getSuppressed()) {
      out.addSuppressed(s);
    }
    return out;
  }
}
