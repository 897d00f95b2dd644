package io.github.calmsdk.core.event;

import java.time.Duration;
import java.util.Objects;

/**
 * The credentials fetched, refreshed or failed to get an access token. Never carries the token or a secret.
 *
 * <pre>{@code
 * public void token(TokenEvent e) {
 *   if (e.kind() == TokenEvent.Kind.FAILED) alerts.warn("token endpoint " + e.tokenHost() + " failed");
 * }
 * }</pre>
 *
 * @param kind what happened
 * @param tokenHost the host of the token endpoint
 * @param clientId the OAuth client id (not a secret)
 * @param duration how long the token call took, zero where none was made
 * @param failure the failure, null unless {@code kind} is {@link Kind#FAILED}
 */
public record TokenEvent(Kind kind, String tokenHost, String clientId, Duration duration, Throwable failure) {
  /** Checks the fields that are always present. */
  public TokenEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tokenHost, "tokenHost");
    Objects.requireNonNull(duration, "duration");
  }

  /** What happened to the token. */
  public enum Kind {
    /** The first token was fetched. */
    FETCHED,
    /** A token was fetched again: before expiry, after a 401, or after expiry. */
    REFRESHED,
    /** A token call failed. */
    FAILED
  }
}
