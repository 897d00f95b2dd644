package io.github.calmsdk.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.calmsdk.auth.AccessToken;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.core.testing.CapturedLogs;
import io.github.calmsdk.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache's state machine, with a fake clock on both sides of every boundary and a fake token endpoint. */
class TokenSlotTest {
  private static final Duration TWELVE_HOURS = Duration.ofHours(12);
  private static final Duration ONE_MINUTE = Duration.ofSeconds(60);
  /** Draws 0: every refresh point at the start of its margin, so the boundaries below are exact. */
  static final RandomGenerator NO_JITTER = () -> 0L;

  private final FakeClock clock = new FakeClock();
  private final Instant start = clock.instant();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  private TokenPolicy policy = new TokenPolicy(Duration.ofMinutes(5), 0.5, Duration.ofSeconds(30), Duration.ofSeconds(10), null);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  /** A token endpoint that counts its calls and issues tokens of a fixed lifetime, or fails when told. */
  private final class FakeEndpoint implements TokenSource {
    final AtomicInteger calls = new AtomicInteger();
    volatile Duration lifetime;
    volatile Supplier<RuntimeException> failure;
    volatile CountDownLatch gate;
    final CountDownLatch entered = new CountDownLatch(1);

    FakeEndpoint(Duration lifetime) {
      this.lifetime = lifetime;
    }

    @Override
    public IssuedToken fetch(Duration timeLeft) {
      int n = calls.incrementAndGet();
      long issued = clock.millis();
      entered.countDown();
      CountDownLatch g = gate;
      if (g != null) {
        try {
          g.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failure != null) {
        throw failure.get();
      }
      long expires = issued + lifetime.toMillis();
      return new IssuedToken(
          new AccessToken("token-" + n, "Bearer", Instant.ofEpochMilli(expires), Set.of()), issued, expires);
    }
  }

  private static CalmAuthException endpointDown() {
    return new CalmAuthException("token request failed: the token endpoint is unavailable", ErrorDetails.none(), null);
  }

  private TokenSlot slot() {
    return new TokenSlot("client at https://uaa.example/oauth/token", policy, NO_JITTER);
  }

  private void at(Duration sinceStart) {
    clock.set(start.plus(sinceStart));
  }

  @Test
  void twelveHourTokenIsFreshUntilFiveMinutesBeforeExpiry() {
    FakeEndpoint endpoint = new FakeEndpoint(TWELVE_HOURS);
    TokenSlot slot = slot();
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-1");

    at(TWELVE_HOURS.minusMinutes(5).minusMillis(1));
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-1");
    assertThat(endpoint.calls).hasValue(1);

    at(TWELVE_HOURS.minusMinutes(5));
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-2");
    assertThat(endpoint.calls).hasValue(2);
  }

  @Test
  void sixtySecondTokenIsFreshForHalfItsLifetime() {
    FakeEndpoint endpoint = new FakeEndpoint(ONE_MINUTE);
    TokenSlot slot = slot();
    slot.get(clock, endpoint);

    at(Duration.ofMillis(29_999));
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-1");
    assertThat(endpoint.calls).hasValue(1);

    at(Duration.ofSeconds(30));
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-2");
    assertThat(endpoint.calls).hasValue(2);
  }

  @Test
  void staleTokenIsServedToOthersWhileOneCallerRefreshes() throws Exception {
    FakeEndpoint endpoint = new FakeEndpoint(ONE_MINUTE);
    TokenSlot slot = slot();
    slot.get(clock, endpoint);
    at(Duration.ofSeconds(45));
    endpoint.gate = new CountDownLatch(1);

    Future<TokenState> refresher = threads.submit(() -> slot.get(clock, endpoint));
    awaitCalls(endpoint, 2);
    for (int i = 0; i < 5; i++) {
      assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-1");
    }
    endpoint.gate.countDown();

    assertThat(refresher.get(10, TimeUnit.SECONDS).token().value()).isEqualTo("token-2");
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-2");
    assertThat(endpoint.calls).hasValue(2);
  }

  @Test
  void expiredTokenIsNeverServedCallersWaitForTheOneRefresh() throws Exception {
    FakeEndpoint endpoint = new FakeEndpoint(ONE_MINUTE);
    TokenSlot slot = slot();
    slot.get(clock, endpoint);
    at(Duration.ofMillis(59_999));
    assertThat(slot.peek().token().value()).isEqualTo("token-1"); // still valid, stale
    at(ONE_MINUTE);
    endpoint.gate = new CountDownLatch(1);

    Future<TokenState> first = threads.submit(() -> slot.get(clock, endpoint));
    awaitCalls(endpoint, 2);
    AtomicReference<Thread> waiterThread = new AtomicReference<>();
    Future<TokenState> waiter =
        threads.submit(
            () -> {
              waiterThread.set(Thread.currentThread());
              return slot.get(clock, endpoint);
            });
    awaitParked(waiterThread);
    assertThat(waiter).isNotDone();

    endpoint.gate.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).token().value()).isEqualTo("token-2");
    assertThat(waiter.get(10, TimeUnit.SECONDS).token().value()).isEqualTo("token-2");
    assertThat(endpoint.calls).hasValue(2);
  }

  @Test
  void tokenIsServedUntilTheMillisecondBeforeExpiryAndNeverAtExpiry() {
    FakeEndpoint endpoint = new FakeEndpoint(ONE_MINUTE);
    TokenSlot slot = slot();
    slot.get(clock, endpoint);
    endpoint.failure = TokenSlotTest::endpointDown;

    at(Duration.ofMillis(59_999));
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-1");

    at(ONE_MINUTE);
    assertThatThrownBy(() -> slot.get(clock, endpoint))
        .isInstanceOf(CalmAuthException.class)
        .hasMessageContaining("unavailable");
    assertThat(endpoint.calls).as("expiry ignores the back-off of the failure at 59.999 s").hasValue(3);
  }

  @Test
  void sixtyFourThreadsOnAnExpiredTokenCauseExactlyOneFetch() throws Exception {
    FakeEndpoint endpoint = new FakeEndpoint(ONE_MINUTE);
    TokenSlot slot = slot();
    slot.get(clock, endpoint);
    at(Duration.ofMinutes(2));
    endpoint.gate = new CountDownLatch(1);
    CountDownLatch ready = new CountDownLatch(64);
    List<Future<TokenState>> results = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      results.add(
          threads.submit(
              () -> {
                ready.countDown();
                ready.await();
                return slot.get(clock, endpoint);
              }));
    }
    ready.await(10, TimeUnit.SECONDS);
    awaitCalls(endpoint, 2);
    endpoint.gate.countDown();

    for (Future<TokenState> r : results) {
      assertThat(r.get(10, TimeUnit.SECONDS).token().value()).isEqualTo("token-2");
    }
    assertThat(endpoint.calls).hasValue(2);
  }

  @Test
  void failedRefreshWhileTheTokenIsValidKeepsServingItAndBacksOff() {
    FakeEndpoint endpoint = new FakeEndpoint(TWELVE_HOURS);
    TokenSlot slot = slot();
    slot.get(clock, endpoint);
    at(TWELVE_HOURS.minusMinutes(4));
    endpoint.failure = TokenSlotTest::endpointDown;
    CapturedLogs.clear();

    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-1");
    assertThat(endpoint.calls).hasValue(2);
    assertThat(CapturedLogs.text()).contains("WARN").contains("still using the cached token").contains("unavailable");

    at(TWELVE_HOURS.minusMinutes(4).plusSeconds(29));
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-1");
    assertThat(endpoint.calls).as("no new try inside the back-off").hasValue(2);

    at(TWELVE_HOURS.minusMinutes(4).plusSeconds(30));
    endpoint.failure = null;
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-3");
    assertThat(endpoint.calls).hasValue(3);
  }

  @Test
  void backOffAfterAFailureIsAtMostHalfTheTimeTheTokenHasLeft() {
    FakeEndpoint endpoint = new FakeEndpoint(ONE_MINUTE);
    TokenSlot slot = slot();
    slot.get(clock, endpoint);
    at(Duration.ofSeconds(30));
    endpoint.failure = TokenSlotTest::endpointDown;
    slot.get(clock, endpoint); // fails at 30 s with 30 s left: next try after 15 s, not 30 s

    at(Duration.ofMillis(44_999));
    slot.get(clock, endpoint);
    assertThat(endpoint.calls).hasValue(2);

    at(Duration.ofSeconds(45));
    slot.get(clock, endpoint);
    assertThat(endpoint.calls).hasValue(3);
  }

  @Test
  void failedRefreshOfAnExpiredTokenReachesEveryWaiter() throws Exception {
    FakeEndpoint endpoint = new FakeEndpoint(ONE_MINUTE);
    TokenSlot slot = slot();
    slot.get(clock, endpoint);
    at(ONE_MINUTE);
    endpoint.failure = TokenSlotTest::endpointDown;
    endpoint.gate = new CountDownLatch(1);

    Future<TokenState> first = threads.submit(() -> slot.get(clock, endpoint));
    awaitCalls(endpoint, 2);
    AtomicReference<Thread> waiterThread = new AtomicReference<>();
    Future<TokenState> waiter =
        threads.submit(
            () -> {
              waiterThread.set(Thread.currentThread());
              return slot.get(clock, endpoint);
            });
    awaitParked(waiterThread);
    endpoint.gate.countDown();

    for (Future<TokenState> f : List.of(first, waiter)) {
      Throwable e = catchThrowableOfType(java.util.concurrent.ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS)).getCause();
      assertThat(e).isInstanceOf(CalmAuthException.class).hasMessageContaining("the token endpoint is unavailable");
    }
    assertThat(endpoint.calls).hasValue(2);
  }

  @Test
  void waitBoundOfZeroFailsAtOnceWhileAnotherThreadRefreshes() throws Exception {
    policy = new TokenPolicy(Duration.ofMinutes(5), 0.5, Duration.ofSeconds(30), Duration.ZERO, null);
    FakeEndpoint endpoint = new FakeEndpoint(ONE_MINUTE);
    TokenSlot slot = slot();
    endpoint.gate = new CountDownLatch(1);
    Future<TokenState> first = threads.submit(() -> slot.get(clock, endpoint));
    awaitCalls(endpoint, 1);

    assertThatThrownBy(() -> slot.get(clock, endpoint))
        .isInstanceOf(CalmAuthException.class)
        .hasMessageContaining("within 0 ms")
        .hasMessageContaining("maxWait");
    endpoint.gate.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).token().value()).isEqualTo("token-1");
  }

  @Test
  void invalidateDropsOnlyTheTokenThatWasRejected() {
    FakeEndpoint endpoint = new FakeEndpoint(TWELVE_HOURS);
    TokenSlot slot = slot();
    TokenState first = slot.get(clock, endpoint);
    assertThat(slot.invalidate(first)).isTrue();
    TokenState second = slot.get(clock, endpoint);

    assertThat(slot.invalidate(first)).as("a late 401 on the old token").isFalse();
    assertThat(slot.get(clock, endpoint)).isSameAs(second);
    assertThat(endpoint.calls).hasValue(2);
  }

  @Test
  void invalidateAfterAFailedRefreshForgetsTheBackOff() {
    FakeEndpoint endpoint = new FakeEndpoint(TWELVE_HOURS);
    TokenSlot slot = slot();
    slot.get(clock, endpoint);
    at(TWELVE_HOURS.minusMinutes(1));
    endpoint.failure = TokenSlotTest::endpointDown;
    slot.get(clock, endpoint);
    endpoint.failure = null;

    slot.invalidate();
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-3");
  }

  @Test
  void refreshExecutorRefreshesAStaleTokenWithoutMakingTheCallerWait() {
    List<Runnable> queued = new ArrayList<>();
    policy = new TokenPolicy(Duration.ofMinutes(5), 0.5, Duration.ofSeconds(30), Duration.ofSeconds(10), queued::add);
    FakeEndpoint endpoint = new FakeEndpoint(ONE_MINUTE);
    TokenSlot slot = slot();
    slot.get(clock, endpoint); // empty: always on the caller's thread
    at(Duration.ofSeconds(40));

    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-1");
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-1");
    assertThat(queued).hasSize(1);
    assertThat(endpoint.calls).hasValue(1);

    queued.get(0).run();
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-2");
  }

  @Test
  void marginIsTheSmallerOfTheMaximumAndTheFractionOfTheLifetime() {
    assertThat(refreshAfter(TWELVE_HOURS)).isEqualTo(TWELVE_HOURS.minusMinutes(5));
    assertThat(refreshAfter(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(5));
    assertThat(refreshAfter(Duration.ofMinutes(9))).isEqualTo(Duration.ofSeconds(270));
    assertThat(refreshAfter(ONE_MINUTE)).isEqualTo(Duration.ofSeconds(30));
    assertThat(refreshAfter(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(500));
  }

  private Duration refreshAfter(Duration lifetime) {
    AccessToken t = new AccessToken("t", "Bearer", Instant.ofEpochMilli(lifetime.toMillis()), Set.of());
    return Duration.ofMillis(policy.stateFor(new IssuedToken(t, 0, lifetime.toMillis()), NO_JITTER).refreshAtMillis());
  }

  private static void awaitCalls(FakeEndpoint endpoint, int calls) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (endpoint.calls.get() < calls) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the endpoint was not called " + calls + " times");
      }
      Thread.onSpinWait();
    }
  }

  /** Waits until the thread is parked (waiting on the refresh in flight), by watching its state, not a timer. */
  private static void awaitParked(AtomicReference<Thread> thread) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      Thread t = thread.get();
      if (t != null && (t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.WAITING)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the waiter never parked");
      }
      Thread.onSpinWait();
    }
  }

  /**
   * A refresh that failed is over: a caller who comes after it, even right after (the waiters wake before the
   * refreshing thread has returned), starts a new refresh instead of receiving the old failure.
   */
  @Test
  void aCallerAfterAFailedRefreshTriesAgainInsteadOfGettingThatFailure() throws Exception {
    for (int round = 0; round < 200; round++) {
      TokenSlot slot = new TokenSlot("round-" + round, policy, NO_JITTER);
      AtomicInteger calls = new AtomicInteger();
      CountDownLatch inFetch = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      TokenSource failingOnce =
          timeLeft -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
              inFetch.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              throw new CalmAuthException("token endpoint down", ErrorDetails.none(), null);
            }
            long now = clock.millis();
            return new IssuedToken(
                new AccessToken("token-" + n, "Bearer", Instant.ofEpochMilli(now + 60_000), Set.of()), now, now + 60_000);
          };
      Future<?> refresher = threads.submit(() -> catchThrowableOfType(CalmAuthException.class, () -> slot.get(clock, failingOnce)));
      assertThat(inFetch.await(10, TimeUnit.SECONDS)).isTrue();
      Future<TokenState> waiter =
          threads.submit(
              () -> {
                try {
                  return slot.get(clock, failingOnce); // joins the refresh in flight and gets its failure
                } catch (CalmAuthException e) {
                  return slot.get(clock, failingOnce); // comes back at once: must start a new refresh
                }
              });
      release.countDown();
      refresher.get(10, TimeUnit.SECONDS);
      assertThat(waiter.get(10, TimeUnit.SECONDS).token().value()).as("round %d", round).startsWith("token-");
      assertThat(calls.get()).as("round %d", round).isBetween(2, 3);
    }
  }

  @Test
  void waitingForAnotherCallersTokenCallEndsWithThisCallersDeadline() throws Exception {
    FakeEndpoint endpoint = new FakeEndpoint(TWELVE_HOURS);
    endpoint.gate = new CountDownLatch(1);
    TokenSlot slot = slot();
    Future<TokenState> first = threads.submit(() -> slot.get(clock, endpoint));
    assertThat(endpoint.entered.await(10, TimeUnit.SECONDS)).isTrue();

    // maxWait is 10 s; this caller has 1 ms left
    assertThatThrownBy(() -> slot.get(clock, endpoint, Duration.ofMillis(1)))
        .isInstanceOf(CalmTimeoutException.class)
        .hasMessageContaining("deadline passed while waiting for the token request in flight");

    endpoint.gate.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).token().value()).isEqualTo("token-1");
    assertThat(endpoint.calls.get()).isEqualTo(1);
  }

  @Test
  void callerWithTimeLeftFetchesItselfWhenTheTokenCallItWaitedForRanOutOfItsCallersTime() throws Exception {
    FakeEndpoint endpoint = new FakeEndpoint(TWELVE_HOURS);
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    TokenSource firstCallRunsOutOfTime =
        timeLeft -> {
          if (calls.incrementAndGet() == 1) {
            entered.countDown();
            try {
              gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new CalmTimeoutException("the call's deadline passed", ErrorDetails.none(), null);
          }
          return endpoint.fetch(timeLeft);
        };
    TokenSlot slot = slot();
    Future<TokenState> hurried = threads.submit(() -> slot.get(clock, firstCallRunsOutOfTime, Duration.ofSeconds(1)));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    AtomicReference<Thread> patientThread = new AtomicReference<>();
    Future<TokenState> patient =
        threads.submit(
            () -> {
              patientThread.set(Thread.currentThread());
              return slot.get(clock, firstCallRunsOutOfTime, Duration.ofMinutes(1));
            });
    awaitParked(patientThread);
    gate.countDown();

    assertThat(patient.get(10, TimeUnit.SECONDS).token().value()).isEqualTo("token-1");
    Throwable e =
        catchThrowableOfType(java.util.concurrent.ExecutionException.class, () -> hurried.get(10, TimeUnit.SECONDS))
            .getCause();
    assertThat(e).isInstanceOf(CalmTimeoutException.class);
    assertThat(calls).hasValue(2);
  }

  @Test
  void tokenCallGetsWhatIsLeftOfTheCallersDeadline() {
    List<Duration> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    FakeEndpoint endpoint = new FakeEndpoint(TWELVE_HOURS);
    TokenSource recording = timeLeft -> {
      asked.add(timeLeft);
      return endpoint.fetch(timeLeft);
    };
    TokenSlot slot = slot();

    slot.get(clock, recording, Duration.ofSeconds(5));
    slot.invalidate();
    slot.get(clock, recording);

    assertThat(asked).containsExactly(Duration.ofSeconds(5), null);
  }

  /** A generator whose bounded draws are always {@code bound * share}, rounded down, capped at {@code bound - 1}. */
  private static RandomGenerator drawing(double share) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new AssertionError("only bounded draws are expected");
      }

      @Override
      public long nextLong(long bound) {
        return Math.min(bound - 1, (long) (bound * share));
      }
    };
  }

  @Test
  void earliestRefreshPointIsTheStartOfTheRefreshMargin() {
    FakeEndpoint endpoint = new FakeEndpoint(ONE_MINUTE);
    TokenSlot slot = new TokenSlot("earliest", policy, drawing(0));
    slot.get(clock, endpoint);

    at(Duration.ofMillis(29_999));
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-1");
    at(Duration.ofSeconds(30));
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-2");
  }

  @Test
  void latestRefreshPointIsHalfWayIntoTheRefreshMargin() {
    FakeEndpoint endpoint = new FakeEndpoint(ONE_MINUTE);
    TokenSlot slot = new TokenSlot("latest", policy, drawing(1));
    slot.get(clock, endpoint);

    // 60 s token, 30 s margin: the latest draw refreshes 15 s before expiry, never later
    at(Duration.ofMillis(44_999));
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-1");
    at(Duration.ofSeconds(45));
    assertThat(slot.get(clock, endpoint).token().value()).isEqualTo("token-2");
  }

  @Test
  void twelveHourTokenIsRefreshedBetweenFiveAndTwoAndAHalfMinutesBeforeItsEnd() {
    FakeEndpoint endpoint = new FakeEndpoint(TWELVE_HOURS);
    TokenState earliest = new TokenSlot("a", policy, drawing(0)).get(clock, endpoint);
    TokenState latest = new TokenSlot("b", policy, drawing(1)).get(clock, endpoint);

    assertThat(earliest.expiresAtMillis() - earliest.refreshAtMillis()).isEqualTo(Duration.ofMinutes(5).toMillis());
    assertThat(latest.expiresAtMillis() - latest.refreshAtMillis()).isEqualTo(Duration.ofSeconds(150).toMillis());
  }

  @Test
  void slotsWithDifferentDrawsRefreshAtDifferentInstants() {
    FakeEndpoint first = new FakeEndpoint(ONE_MINUTE);
    FakeEndpoint second = new FakeEndpoint(ONE_MINUTE);
    TokenSlot early = new TokenSlot("early", policy, drawing(0.1));
    TokenSlot late = new TokenSlot("late", policy, drawing(0.9));
    early.get(clock, first);
    late.get(clock, second);

    // 30 s margin, jitter up to 15 s: refresh points at 31.5 s and 43.5 s
    at(Duration.ofMillis(31_500));
    early.get(clock, first);
    late.get(clock, second);
    assertThat(first.calls).hasValue(2);
    assertThat(second.calls).hasValue(1);
    at(Duration.ofMillis(43_500));
    late.get(clock, second);
    assertThat(second.calls).hasValue(2);
  }
}
