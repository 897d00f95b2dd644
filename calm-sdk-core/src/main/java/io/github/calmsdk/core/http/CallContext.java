package io.github.calmsdk.core.http;

import io.github.calmsdk.core.event.CallInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The state of one call as it passes through the stages: its request id, its deadline, the attempt number and the
 * failures of earlier attempts. Created by the pipeline, one per call; not shared between threads.
 *
 * <pre>{@code
 * HttpStage stage = (request, context, next) -> {
 *   log.info("attempt {} of call {}", context.attempt(), context.requestId());
 *   return next.proceed(request);
 * };
 * }</pre>
 */
public final class CallContext {
  private final CallInfo call;
  private final Clock clock;
  private final Instant deadline;
  private final Duration attemptTimeout;
  private final List<Throwable> earlierFailures = new ArrayList<>();
  private int attempt;

  /**
   * Creates a context.
   *
   * @param call what listeners are told about the call, its request id included
   * @param clock the clock the deadline is measured on
   * @param deadline when the call must end
   * @param attemptTimeout the limit for one attempt
   */
  public CallContext(CallInfo call, Clock clock, Instant deadline, Duration attemptTimeout) {
    this.call = Objects.requireNonNull(call, "call");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    this.attemptTimeout = Objects.requireNonNull(attemptTimeout, "attemptTimeout");
  }

  /**
   * The request id sent with every attempt of this call.
   *
   * @return the id
   */
  public String requestId() {
    return call.requestId();
  }

  /**
   * The call as listeners see it: operation, method, URL template, server.
   *
   * @return the call
   */
  public CallInfo call() {
    return call;
  }

  /**
   * The clock of the call.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * When the call must end, retries included.
   *
   * @return the deadline
   */
  public Instant deadline() {
    return deadline;
  }

  /**
   * The time left before the deadline, possibly negative.
   *
   * @return the time left
   */
  public Duration remaining() {
    return Duration.between(clock.instant(), deadline);
  }

  /**
   * The limit for the next attempt: the attempt timeout or the time left, whichever is shorter.
   *
   * @return the limit
   */
  public Duration nextAttemptTimeout() {
    Duration left = remaining();
    return left.compareTo(attemptTimeout) < 0 ? left : attemptTimeout;
  }

  /**
   * The number of attempts started so far in the whole call, 401 resends included (the retry stage counts its
   * retries separately, so a resend after a 401 does not use one up).
   *
   * @return the attempt number, 0 before the first
   */
  public int attempt() {
    return attempt;
  }

  /**
   * Records the start of an attempt.
   *
   * @return the new attempt number
   */
  public int startAttempt() {
    return ++attempt;
  }

  /**
   * Records the failure of an attempt that will be retried.
   *
   * @param failure the failure
   */
  public void addEarlierFailure(Throwable failure) {
    earlierFailures.add(failure);
  }

  /**
   * Failures of earlier attempts, oldest first.
   *
   * @return the failures
   */
  public List<Throwable> earlierFailures() {
    return List.copyOf(earlierFailures);
  }
}
