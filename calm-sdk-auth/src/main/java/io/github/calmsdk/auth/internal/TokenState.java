package io.github.calmsdk.auth.internal;

import io.github.calmsdk.auth.AccessToken;

/**
 * What a cache slot holds: the token, its ready-made header value and its two boundaries. Immutable, so that the
 * fresh path is one volatile read of this object and one comparison.
 *
 * <pre>
 *   issued ........ refreshAt ........ expiresAt ........
 *        FRESH           STALE              EXPIRED
 * </pre>
 *
 * @param token the token
 * @param authorization the Authorization header value, {@code Bearer <token>}
 * @param refreshAtMillis from this time on the token is stale: one caller refreshes it, others keep using it
 * @param expiresAtMillis from this time on the token is never used; callers wait for a new one
 */
public record TokenState(AccessToken token, String authorization, long refreshAtMillis, long expiresAtMillis) {

  /** Never prints the token or the header. */
  @Override
  public String toString() {
    return "TokenState[" + token + ", refreshAt=" + refreshAtMillis + ", expiresAt=" + expiresAtMillis + "]";
  }
}
