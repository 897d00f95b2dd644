package io.github.calmsdk.auth.internal;

import io.github.calmsdk.auth.AccessToken;

/**
 * A token as the token endpoint issued it, with the times the cache schedules by, in epoch milliseconds of the
 * credentials' clock.
 *
 * @param token the token
 * @param issuedAtMillis when the token request was sent (so the lifetime is never overestimated)
 * @param expiresAtMillis when the token expires
 */
public record IssuedToken(AccessToken token, long issuedAtMillis, long expiresAtMillis) {}
