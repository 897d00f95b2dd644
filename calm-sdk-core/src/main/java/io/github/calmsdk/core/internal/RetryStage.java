package io.github.calmsdk.core.internal;

import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.error.ErrorDetails;
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
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends attempts until one succeeds or the {@link RetryStrategy} says stop; waits through the {@link Sleeper}. */
public final class RetryStage implements HttpStage {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.retry");

  private final RetryStrategy strategy;
  private final RetryBudget budget;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  /**
   * Creates the stage.
   *
   * @param policy the client's policy
   * @param budget the client's budget
   * @param sleeper the sleeper
   * @param random the jitter source
   */
  public RetryStage(RetryPolicy policy, RetryBudget budget, Sleeper sleeper, RandomGenerator random) {
    this.strategy = new RetryStrategy(policy, budget, random);
    this.budget = budget;
    this.sleeper = sleeper;
    this.random = random;
  }

  @Override
  public CalmResponse process(CalmRequest request, CallContext context, Next next) {
    RetryPolicy override = request.options().retryPolicy();
    RetryStrategy s = override == null ? strategy : new RetryStrategy(override, budget, random);
    CalmException lastFailure = null;
    while (true) {
      if (context.remaining().isNegative() || context.remaining().isZero()) {
        throw new CalmTimeoutException("the call's deadline passed", ErrorDetails.none(), lastFailure);
      }
      int attempt = context.startAttempt();
      CalmResponse response;
      AttemptOutcome outcome;
      try {
        response = next.proceed(request);
      } catch (CalmException e) {
        AttemptOutcome.Failure kind = classify(e);
        if (kind == null) {
          throw e;
        }
        outcome = AttemptOutcome.failure(attempt, request.safeToRepeat(), kind, context.remaining());
        RetryDecision d = s.decide(outcome);
        if (!d.retry()) {
          LOG.debug("{}: not retrying after attempt {}: {}", request, attempt, d.reason());
          throw e;
        }
        lastFailure = e;
        context.addEarlierFailure(e);
        pause(request, attempt, d, lastFailure);
        continue;
      }
      if (response.isSuccess()) {
        s.recordSuccess();
        return response;
      }
      outcome =
          AttemptOutcome.status(
              attempt,
              request.safeToRepeat(),
              response.status(),
              RetryAfter.parse(response.header("Retry-After").orElse(null), context.clock().instant())
                  .orElse(null),
              context.remaining());
      RetryDecision d = s.decide(outcome);
      if (!d.retry()) {
        if (attempt > 1 || response.status() >= 500 || response.status() == 429) {
          LOG.debug("{}: not retrying after attempt {}: {}", request, attempt, d.reason());
        }
        return response;
      }
      lastFailure = ErrorMapper.fromResponse(response);
      context.addEarlierFailure(lastFailure);
      pause(request, attempt, d, lastFailure);
    }
  }

  private void pause(CalmRequest request, int attempt, RetryDecision d, CalmException cause) {
    LOG.debug("{}: retrying after attempt {} in {} ms ({})", request, attempt, d.delay().toMillis(), d.reason());
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
