package io.github.calmsdk.core.event;

import java.util.List;

/**
 * Observes calls as they happen: call start and end, each attempt, each retry decision, each token fetch, refresh
 * and failure, and each ambiguous outcome and how it was settled. The SDK's one hook for metrics and traces
 * (calm-sdk-micrometer adapts it to Micrometer's Observation API).
 *
 * <p>Methods are called on the calling thread, synchronously: keep them short and non-blocking. An exception thrown
 * by a listener is logged and dropped; it never breaks a call. Every method has an empty default, so implement
 * only what you need.
 *
 * <pre>{@code
 * CalmListener slowCalls = new CalmListener() {
 *   public void callEnded(CallEnded e) {
 *     if (e.duration().toSeconds() > 5) log.warn("slow {} ({})", e.call().operation(), e.call().requestId());
 *   }
 * };
 * CalmClient calm = CalmClient.builder().serviceKey(key).addListener(slowCalls).build();
 * }</pre>
 */
public interface CalmListener {
  /**
   * A listener that does nothing.
   *
   * @return the no-op listener
   */
  static CalmListener noop() {
    return NoopListener.INSTANCE;
  }

  /**
   * One listener that calls each of the given ones in order, each guarded so that a failing one neither breaks
   * the call nor keeps the others from being told.
   *
   * @param listeners the listeners
   * @return the combined listener ({@link #noop()} for none)
   */
  static CalmListener of(List<? extends CalmListener> listeners) {
    return SafeListeners.of(listeners);
  }

  /**
   * A call started.
   *
   * @param event the event
   */
  default void callStarted(CallStarted event) {}

  /**
   * A call ended.
   *
   * @param event the event
   */
  default void callEnded(CallEnded event) {}

  /**
   * An attempt ended.
   *
   * @param event the event
   */
  default void attemptEnded(AttemptEnded event) {}

  /**
   * A retry was decided.
   *
   * @param event the event
   */
  default void retryScheduled(RetryScheduled event) {}

  /**
   * A token was fetched, refreshed, or failed.
   *
   * @param event the event
   */
  default void token(TokenEvent event) {}

  /**
   * An ambiguous outcome was found and settled (or not).
   *
   * @param event the event
   */
  default void ambiguousOutcome(AmbiguousOutcome event) {}
}
