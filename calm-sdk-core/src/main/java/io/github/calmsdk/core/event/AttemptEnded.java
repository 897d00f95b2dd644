package io.github.calmsdk.core.event;

import java.time.Duration;

/**
 * One attempt of a call ended (a call has one attempt per retry, and one more per 401 resend).
 *
 * <pre>{@code
 * public void attemptEnded(AttemptEnded e) {
 *   log.debug("attempt {} of {}: {} in {}", e.attempt(), e.call().requestId(), e.status(), e.duration());
 * }
 * }</pre>
 *
 * @param call the call
 * @param attempt the attempt number within the call, from 1
 * @param status the HTTP status, 0 when no response arrived
 * @param duration how long the attempt took, on the client's clock
 * @param failure why no response arrived, null when one did
 */
public record AttemptEnded(CallInfo call, int attempt, int status, Duration duration, Throwable failure) {}
