package io.github.calmsdk.micrometer;

import io.github.calmsdk.core.event.AttemptEnded;
import io.github.calmsdk.core.event.CallEnded;
import io.github.calmsdk.core.event.CallInfo;
import io.micrometer.observation.Observation;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link Observation.Context} of one {@code calm.client.requests} observation: the call as the SDK describes
 * it, the latest attempt, the retries so far, and once it ended, how. {@link ObservationCalmListener} fills it in
 * as the call goes; a {@link CalmObservationConvention} reads it to name the keys. Confined to the calling thread,
 * like the call.
 *
 * <pre>{@code
 * registry.observationConfig().observationHandler(new ObservationHandler<CalmRequestContext>() {
 *   public boolean supportsContext(Observation.Context c) { return c instanceof CalmRequestContext; }
 *   public void onStop(CalmRequestContext c) {
 *     c.ended().ifPresent(e -> log.info("{} took {} attempts", c.call().operation(), e.attempts()));
 *   }
 * });
 * }</pre>
 */
public final class CalmRequestContext extends Observation.Context {
  private final CallInfo call;
  private AttemptEnded lastAttempt;
  private int retries;
  private CallEnded ended;

  /**
   * Creates the context of a call that is starting.
   *
   * @param call the call
   */
  public CalmRequestContext(CallInfo call) {
    this.call = Objects.requireNonNull(call, "call");
  }

  /**
   * The call: request id, operation, method, URL template, masked URL and server.
   *
   * @return the call
   */
  public CallInfo call() {
    return call;
  }

  /**
   * The latest attempt that ended, if any did.
   *
   * @return the attempt
   */
  public Optional<AttemptEnded> lastAttempt() {
    return Optional.ofNullable(lastAttempt);
  }

  /**
   * How many retries were decided so far.
   *
   * @return the retries
   */
  public int retries() {
    return retries;
  }

  /**
   * How the call ended, once it has.
   *
   * @return the end
   */
  public Optional<CallEnded> ended() {
    return Optional.ofNullable(ended);
  }

  void attemptEnded(AttemptEnded attempt) {
    this.lastAttempt = attempt;
  }

  void retryScheduled() {
    retries++;
  }

  void callEnded(CallEnded end) {
    this.ended = end;
  }

  @Override
  public String toString() {
    return "CalmRequestContext[" + call.operation() + " " + call.requestId()
        + (ended == null ? "" : " " + ended.outcome()) + "]";
  }
}
