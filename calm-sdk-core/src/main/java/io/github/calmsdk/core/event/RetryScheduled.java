package io.github.calmsdk.core.event;

import java.time.Duration;

/**
 * The retry stage decided to send the call again, after a wait.
 *
 * <pre>{@code
 * public void retryScheduled(RetryScheduled e) { retries.increment(e.call().operation(), e.reason()); }
 * }</pre>
 *
 * @param call the call
 * @param afterAttempt the attempt that failed
 * @param reason why it is retried, such as {@code "HTTP 503"} or {@code "connect failed"}
 * @param delay how long the retry waits first (Retry-After or backoff)
 */
public record RetryScheduled(CallInfo call, int afterAttempt, String reason, Duration delay) {}
