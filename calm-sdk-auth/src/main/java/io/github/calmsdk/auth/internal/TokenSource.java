package io.github.calmsdk.auth.internal;

/** Gets a new token from the token endpoint; the cache calls it at most once at a time per slot. */
@FunctionalInterface
public interface TokenSource {
  /**
   * Requests a new token.
   *
   * @return the token
   * @throws io.github.calmsdk.core.error.CalmAuthException when the token endpoint fails
   */
  IssuedToken fetch();
}
