package io.github.calmsdk.core.internal.pipeline;

import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.core.event.AttemptEnded;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.event.RetryScheduled;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.CallContext;
import io.github.calmsdk.core.http.HttpStage;
import io.github.calmsdk.core.retry.AttemptOutcome;
import io.github.calmsdk.core.retry.RetryAfter;
import io.github.calmsdk.core.retry.RetryBudget;
import io.github.calmsdk.core.retry.RetryDecision;
import io.github.calmsdk.core.retry.RetryPolicy;
import io.github.calmsdk.core.retry.RetryStrategy;
import io.github.calmsdk.core.retry.Sleeper;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends attempts until one succeeds or the {@link RetryStrategy} says stop; waits through the {@link Sleeper}.
 *
 * <p>The retries it allows are counted here, per pass through this stage, not on the call's attempt counter: the
 * authorization stage's one resend after a 401 passes through again and starts a fresh count, so it never uses up
 * a retry. Each attempt and each retry decision is reported to the listener.
 */
public final class RetryStage implements HttpStage {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.retry");

  private final RetryStrategy strategy;
  private final RetryBudget budget;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final CalmListener listener;

  /**
   * Creates the stage.
   *
   * @param policy the client's policy
   * @param budget the client's budget
   * @param sleeper the sleeper
   * @param random the jitter source
   * @param listener told of every attempt and retry
   */
  public RetryStage(
      RetryPolicy policy, RetryBudget budget, Sleeper sleeper, RandomGenerator random, CalmListener listener) {
    this.strategy = new RetryStrategy(policy, budget, random);
    this.budget = budget;
    this.sleeper = sleeper;
    this.random = random;
    this.listener = listener;
  }

  @Override
  public CalmResponse process(CalmRequest request, CallContext context, Next next) {
    RetryPolicy override = request.options().retryPolicy();
    RetryStrategy s = override == null ? strategy : new RetryStrategy(override, budget, random);
    boolean observed = listener != CalmListener.noop();
    CalmException lastFailure = null;
    for (int tries = 1; ; tries++) {
      if (context.remaining().isNegative() || context.remaining().isZero()) {
        throw new CalmTimeoutException("the call's deadline passed", ErrorDetails.none(), lastFailure);
      }
      int attempt = context.startAttempt();
      Instant started = observed ? context.clock().instant() : null;
      CalmResponse response;
      try {
        response = next.proceed(request);
      } catch (CalmException e) {
        if (observed) {
          listener.attemptEnded(new AttemptEnded(context.call(), attempt, 0, since(started, context), e));
        }
        AttemptOutcome.Failure kind = classify(e);
        if (kind == null) {
          throw e;
        }
        RetryDecision d =
            s.decide(AttemptOutcome.failure(tries, request.safeToRepeat(), kind, context.remaining()));
        if (!d.retry()) {
          LOG.debug("{}: not retrying after attempt {}: {}", request, attempt, d.reason());
          throw e;
        }
        lastFailure = e;
        context.addEarlierFailure(e);
        pause(request, context, attempt, d, lastFailure);
        continue;
      }
      if (observed) {
        listener.attemptEnded(
            new AttemptEnded(context.call(), attempt, response.status(), since(started, context), null));
      }
      if (response.isSuccess()) {
        s.recordSuccess();
        return response;
      }
      AttemptOutcome outcome =
          AttemptOutcome.status(
              tries,
              request.safeToRepeat(),
              response.status(),
              RetryAfter.parse(response.header("Retry-After").orElse(null), response.receivedAt()).orElse(null),
              context.remaining());
      RetryDecision d = s.decide(outcome);
      if (!d.retry()) {
        if (tries > 1 || response.status() >= 500 || response.status() == 429) {
          LOG.debug("{}: not retrying after attempt {}: {}", request, attempt, d.reason());
        }
        return response;
      }
      lastFailure = response.toException();
      context.addEarlierFailure(lastFailure);
      pause(request, context, attempt, d, lastFailure);
    }
  }

  private static Duration since(Instant started, CallContext context) {
    return Duration.between(started, context.clock().instant());
  }

  private void pause(CalmRequest request, CallContext context, int attempt, RetryDecision d, CalmException cause) {
    LOG.debug("{}: retrying after attempt {} in {} ms ({})", request, attempt, d.delay().toMillis(), d.reason());
    if (listener != CalmListener.noop()) {
      listener.retryScheduled(new RetryScheduled(context.call(), attempt, d.reason(), d.delay()));
    }
    try {
      sleeper.sleep(d.delay());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CalmTransportException t =
          new CalmTransportException("interrupted while waiting to retry", ErrorDetails.none(), false, e);
      t.addSuppressed(cause);
      throw t;
    }
  }

  /** The kind of a failure the strategy can judge, or null for one that is never retried. */
  private static AttemptOutcome.Failure classify(CalmException e) {
    if (e instanceof CalmTimeoutException) {
      return e.getCause() instanceof HttpTimeoutException ? AttemptOutcome.Failure.TIMEOUT : null;
    }
    if (e instanceof CalmTransportException) {
      if (e.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
        return null;
      }
      return ((CalmTransportException) e).requestMayHaveBeenSent()
          ? AttemptOutcome.Failure.CONNECTION_LOST
          : AttemptOutcome.Failure.CONNECT_FAILED;
    }
    return null;
  }
}
