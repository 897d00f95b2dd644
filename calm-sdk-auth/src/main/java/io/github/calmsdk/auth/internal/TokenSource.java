package io.github.calmsdk.auth.internal;

import java.time.Duration;

/** Gets a new token from the token endpoint; the cache calls it at most once at a time per slot. */
@FunctionalInterface
public interface TokenSource {
  /**
   * Requests a new token within the time the caller has left.
   *
   * @param timeLeft how long the caller's call has left (the token call gets this or its own timeout, whichever is
   *     shorter), or null when no call waits for it (the token call gets its own timeout)
   * @return the token
   * @throws io.github.calmsdk.core.error.CalmAuthException when the token endpoint fails
   * @throws io.github.calmsdk.core.error.CalmTimeoutException when {@code timeLeft} ran out first
   */
  IssuedToken fetch(Duration timeLeft);
}
