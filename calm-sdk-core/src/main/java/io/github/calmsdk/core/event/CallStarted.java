package io.github.calmsdk.core.event;

import java.time.Instant;

/**
 * A call started: before its first attempt.
 *
 * <pre>{@code
 * public void callStarted(CallStarted e) { inFlight.incrementAndGet(); }
 * }</pre>
 *
 * @param call the call
 * @param at when, on the client's clock
 */
public record CallStarted(CallInfo call, Instant at) {}
