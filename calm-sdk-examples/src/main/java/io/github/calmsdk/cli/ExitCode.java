package io.github.calmsdk.cli;

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
import io.github.calmsdk.relay.RelayStoreException;

/**
 * The exit codes of the calm command line, and which failure leads to which. The help's exit code list is generated
 * from {@link #description}.
 */
enum ExitCode {
  /** Success. */
  OK(0, "success"),
  /** The call worked but the outcome failed (an import ended in error or fatal). */
  OUTCOME_FAILED(1, "the call worked but the outcome failed (an import ended in error or fatal)"),
  /** Bad usage or bad input; nothing was sent. */
  USAGE(2, "bad usage or bad input, nothing sent"),
  /** Authentication or authorization failed. */
  AUTH(3, "authentication or authorization failed"),
  /** The API rejected the request (any other 4xx). */
  REJECTED(4, "the API rejected the request (any other 4xx)"),
  /**
   * Cloud ALM (or its token host) unavailable, unreachable or timed out after retries, or the outcome of a change
   * is unknown.
   */
  UNAVAILABLE(5, "Cloud ALM unavailable or timed out after retries");

  final int code;
  /** One line for the help. */
  final String description;

  ExitCode(int code, String description) {
    this.code = code;
    this.description = description;
  }

  /**
   * The exit code for a failure, by its type first (a "not found" raised by the client itself, such as an unknown
   * node name, has no HTTP status), then by its HTTP status. A token that could not be fetched because the token
   * host was unreachable, unavailable or too slow is a network problem (5), not bad credentials (3).
   */
  static ExitCode of(Throwable e) {
    if (e instanceof CommandFailure) {
      return of(e.getCause());
    }
    if (e instanceof UsageException || e instanceof CalmValidationException) {
      return USAGE;
    }
    if (e instanceof CalmAuthException) {
      return TokenHost.unreachable(e) == null ? AUTH : UNAVAILABLE;
    }
    if (e instanceof CalmUnavailableException
        || e instanceof CalmTimeoutException
        || e instanceof CalmTransportException
        || e instanceof CalmRateLimitException
        || e instanceof CalmAmbiguousOutcomeException
        || e instanceof CalmDecodingException) {
      return UNAVAILABLE;
    }
    if (e instanceof CalmNotFoundException
        || e instanceof CalmInvalidRequestException
        || e instanceof CalmApiException) {
      return REJECTED;
    }
    if (e instanceof RelayStoreException) {
      // the relay's store cannot be used now (locked by another process, unreachable, disk full): try again later
      return UNAVAILABLE;
    }
    if (e instanceof CalmException) {
      int s = ((CalmException) e).status();
      return s >= 400 && s < 500 ? REJECTED : UNAVAILABLE;
    }
    return UNAVAILABLE;
  }
}
