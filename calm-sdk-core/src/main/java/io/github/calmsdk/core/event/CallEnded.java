package io.github.calmsdk.core.event;

import java.time.Duration;
import java.util.Optional;

/**
 * A call ended, with a response or a failure, after all its attempts.
 *
 * <pre>{@code
 * public void callEnded(CallEnded e) {
 *   timer.record(e.duration(), e.call().operation(), e.outcome().name());
 * }
 * }</pre>
 *
 * @param call the call
 * @param status the final HTTP status, 0 when no response arrived
 * @param attempts the attempts sent, 401 resends included
 * @param duration from the start of the call to its end, on the client's clock
 * @param outcome how it ended
 * @param failure the exception the caller receives, null on success
 */
public record CallEnded(
    CallInfo call, int status, int attempts, Duration duration, Outcome outcome, Throwable failure) {

  /**
   * The failure, when there was one.
   *
   * @return the failure
   */
  public Optional<Throwable> error() {
    return Optional.ofNullable(failure);
  }

  /** How a call ended. */
  public enum Outcome {
    /** A 2xx response. */
    SUCCESS,
    /** An error status from the server (4xx or 5xx). */
    ERROR_STATUS,
    /** No usable response: connection, timeout, TLS or decoding failure. */
    FAILURE,
    /** A state-changing call whose effect is unknown. */
    AMBIGUOUS
  }
}
