package io.github.calmsdk.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.core.retry.AttemptOutcome.Failure;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryStrategyTest {
  private static final Duration LOTS = Duration.ofMinutes(10);
  private final RandomGenerator random = new SplittableRandom(7);

  private RetryStrategy strategy() {
    return new RetryStrategy(RetryPolicy.defaults(), RetryBudget.unlimited(), random);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void retriesEveryRetryableStatusForACallThatIsSafeToRepeat(int status) {
    assertThat(strategy().decide(AttemptOutcome.status(1, true, status, null, LOTS)).retry()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 422, 501, 505})
  void neverRetriesStatusesThatWillNotChange(int status) {
    assertThat(strategy().decide(AttemptOutcome.status(1, true, status, null, LOTS)).retry()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {429})
  void retriesAStateChangingCallOnlyWhenTheStatusProvesItWasNotProcessed(int status) {
    assertThat(strategy().decide(AttemptOutcome.status(1, false, status, null, LOTS)).retry()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 500, 502, 503, 504})
  void doesNotRetryAStateChangingCallAfterAStatusThatMayHaveBeenProcessed(int status) {
    RetryDecision d = strategy().decide(AttemptOutcome.status(1, false, status, null, LOTS));
    assertThat(d.retry()).isFalse();
    assertThat(d.reason()).contains("may have been processed");
  }

  @Test
  void retriesAFailedConnectionEvenForAStateChangingCall() {
    assertThat(strategy().decide(AttemptOutcome.failure(1, false, Failure.CONNECT_FAILED, LOTS)).retry()).isTrue();
  }

  @Test
  void retriesALostConnectionOrTimeoutOnlyForCallsThatAreSafeToRepeat() {
    assertThat(strategy().decide(AttemptOutcome.failure(1, true, Failure.CONNECTION_LOST, LOTS)).retry()).isTrue();
    assertThat(strategy().decide(AttemptOutcome.failure(1, true, Failure.TIMEOUT, LOTS)).retry()).isTrue();
    assertThat(strategy().decide(AttemptOutcome.failure(1, false, Failure.CONNECTION_LOST, LOTS)).retry()).isFalse();
    assertThat(strategy().decide(AttemptOutcome.failure(1, false, Failure.TIMEOUT, LOTS)).retry()).isFalse();
  }

  @Test
  void stopsAfterTheMaximumNumberOfRetries() {
    RetryStrategy s = strategy();
    assertThat(s.decide(AttemptOutcome.status(3, true, 503, null, LOTS)).retry()).isTrue();
    RetryDecision fourth = s.decide(AttemptOutcome.status(4, true, 503, null, LOTS));
    assertThat(fourth.retry()).isFalse();
    assertThat(fourth.reason()).contains("no retries left (3 allowed)");
  }

  @Test
  void waitsExactlyTheRetryAfterTheServerAskedFor() {
    RetryDecision d = strategy().decide(AttemptOutcome.status(1, true, 429, Duration.ofSeconds(7), LOTS));
    assertThat(d.delay()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void ignoresRetryAfterWhenThePolicySaysSo() {
    RetryStrategy s =
        new RetryStrategy(
            RetryPolicy.builder().honourRetryAfter(false).backoff(Backoff.fixed(Duration.ofMillis(5))).build(),
            RetryBudget.unlimited(),
            random);
    assertThat(s.decide(AttemptOutcome.status(1, true, 429, Duration.ofSeconds(7), LOTS)).delay())
        .isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void stopsWhenTheRetryAfterDoesNotFitBeforeTheDeadline() {
    RetryDecision d =
        strategy().decide(AttemptOutcome.status(1, true, 503, Duration.ofSeconds(30), Duration.ofSeconds(10)));
    assertThat(d.retry()).isFalse();
    assertThat(d.reason()).contains("Retry-After of 30000 ms does not fit in the 10000 ms left");
  }

  @Test
  void stopsWhenTheBackoffDoesNotFitBeforeTheDeadline() {
    RetryStrategy s =
        new RetryStrategy(
            RetryPolicy.builder().backoff(Backoff.fixed(Duration.ofSeconds(2))).build(), RetryBudget.unlimited(), random);
    assertThat(s.decide(AttemptOutcome.status(1, true, 503, null, Duration.ofSeconds(1))).retry()).isFalse();
    assertThat(s.decide(AttemptOutcome.status(1, true, 503, null, Duration.ofSeconds(3))).retry()).isTrue();
  }

  @Test
  void stopsWhenTheSharedBudgetIsUsedUpAndRefillsOnSuccess() {
    RetryBudget budget = RetryBudget.of(10, 5, 10);
    RetryStrategy s = new RetryStrategy(RetryPolicy.defaults(), budget, random);
    assertThat(s.decide(AttemptOutcome.status(1, true, 503, null, LOTS)).retry()).isTrue();
    assertThat(s.decide(AttemptOutcome.status(1, true, 503, null, LOTS)).retry()).isTrue();
    RetryDecision third = s.decide(AttemptOutcome.status(1, true, 503, null, LOTS));
    assertThat(third.retry()).isFalse();
    assertThat(third.reason()).contains("retry budget is used up");
    for (int i = 0; i < 5; i++) {
      s.recordSuccess();
    }
    assertThat(s.decide(AttemptOutcome.status(1, true, 503, null, LOTS)).retry()).isTrue();
  }

  @Test
  void aTimeoutCostsMoreOfTheBudgetThanAnErrorStatus() {
    RetryBudget budget = RetryBudget.of(10, 5, 10);
    RetryStrategy s = new RetryStrategy(RetryPolicy.defaults(), budget, random);
    assertThat(s.decide(AttemptOutcome.failure(1, true, Failure.TIMEOUT, LOTS)).retry()).isTrue();
    assertThat(budget.available()).isZero();
  }

  @Test
  void aPolicyWithoutRetriesNeverRetries() {
    RetryStrategy s = new RetryStrategy(RetryPolicy.none(), RetryBudget.unlimited(), random);
    assertThat(s.decide(AttemptOutcome.failure(1, true, Failure.CONNECT_FAILED, LOTS)).retry()).isFalse();
  }
}
