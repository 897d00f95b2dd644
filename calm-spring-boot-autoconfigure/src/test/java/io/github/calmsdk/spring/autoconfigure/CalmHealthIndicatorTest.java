package io.github.calmsdk.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.event.CallStarted;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.testing.FakeClock;
import io.github.calmsdk.testkit.FakeCalm;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The indicator's timeout and single check in flight. The nodes probe blocks on a latch the test releases; the
 * timeout "elapses" on a fake clock: the test's wait advances the clock by the timeout and reports a timeout when the
 * check has not finished, so no test waits for a timer.
 */
class CalmHealthIndicatorTest {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  FakeCalm fake;
  FakeClock clock;
  CountDownLatch probeEntered;
  CountDownLatch releaseProbe;
  AtomicInteger nodeProbes;
  AtomicBoolean timerFires;
  CalmClient calm;

  @BeforeEach
  void start() {
    fake = FakeCalm.start();
    clock = new FakeClock();
    probeEntered = new CountDownLatch(1);
    releaseProbe = new CountDownLatch(1);
    nodeProbes = new AtomicInteger();
    timerFires = new AtomicBoolean(true);
    calm = CalmClient.builder().serviceKey(ServiceKey.fromJson(fake.serviceKeyJson()))
        .addListener(new CalmListener() {
          @Override
          public void callStarted(CallStarted event) {
            if ("transport.nodes".equals(event.call().operation())) {
              nodeProbes.incrementAndGet();
              probeEntered.countDown();
              try {
                releaseProbe.await(30, TimeUnit.SECONDS);   // bounded: the test releases it
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        })
        .build();
  }

  @AfterEach
  void stop() {
    releaseProbe.countDown();
    calm.close();
    fake.close();
  }

  private CalmHealthIndicator indicator(Duration cacheTtl, java.util.function.Supplier<Optional<String>> relay) {
    return new CalmHealthIndicator(calm, cacheTtl, TIMEOUT, clock, (check, timeout) -> {
      if (timerFires.get() && !check.isDone()) {
        clock.advance(timeout);
        throw new TimeoutException();
      }
      return check.get(30, TimeUnit.SECONDS);   // bounded wait for a check the test has released
    }, relay);
  }

  @Test
  void aCheckThatHangsPastTheTimeoutReadsDownTimedOutAndLaterReadersJoinItInsteadOfStartingAnother()
      throws Exception {
    CalmHealthIndicator health = indicator(Duration.ofMinutes(1), Optional::empty);

    Health first = health.health();
    assertThat(probeEntered.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(first.getStatus()).isEqualTo(Status.DOWN);
    assertThat((String) first.getDetails().get("error")).startsWith("timed out after PT10S");

    Health second = health.health();   // the check is still in flight
    assertThat(second.getStatus()).isEqualTo(Status.DOWN);
    assertThat((String) second.getDetails().get("error")).startsWith("timed out after PT10S");
    assertThat(nodeProbes).hasValue(1);

    timerFires.set(false);
    releaseProbe.countDown();
    Health third = health.health();   // joins the same check, which now finishes

    assertThat(third.getStatus()).isEqualTo(Status.UP);
    assertThat(nodeProbes).hasValue(1);
    assertThat(fake.requestCount("GET", ".*/v2/nodes")).isEqualTo(1);
  }

  @Test
  void aCheckThatFinishesAfterItsReaderTimedOutIsCachedForTheNextReader() throws Exception {
    CalmHealthIndicator health = indicator(Duration.ofMinutes(1), Optional::empty);
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(probeEntered.await(30, TimeUnit.SECONDS)).isTrue();

    releaseProbe.countDown();
    timerFires.set(false);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    timerFires.set(true);   // from here a check in flight would time out: the cached result needs none
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(nodeProbes).hasValue(1);
  }

  @Test
  void afterTheCacheTtlTheNextReadStartsANewCheckNotTheFinishedOne() throws Exception {
    releaseProbe.countDown();   // the first check answers at once
    timerFires.set(false);
    CalmHealthIndicator health = indicator(Duration.ofSeconds(30), Optional::empty);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    clock.advance(Duration.ofSeconds(30));
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(nodeProbes).hasValue(2);
  }

  @Test
  void aRelayThatStoppedOnAFailureMakesItDownWithTheReasonEvenWhileTheResultIsCached() {
    releaseProbe.countDown();
    timerFires.set(false);
    AtomicReference<String> relayFailure = new AtomicReference<>();
    CalmHealthIndicator health = indicator(Duration.ofMinutes(1), () -> Optional.ofNullable(relayFailure.get()));
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    relayFailure.set("java.lang.IllegalStateException: the driver broke");
    Health down = health.health();

    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails()).containsKeys("token", "transportManagement");
    assertThat(down.getDetails().get("relay"))
        .isEqualTo(Map.of("status", "DOWN", "error", "java.lang.IllegalStateException: the driver broke"));
    assertThat(nodeProbes).hasValue(1);
  }

  @Test
  void aNegativeCacheTtlOrANonPositiveTimeoutIsRefusedNamingTheField() {
    assertThatThrownBy(() -> new CalmHealthIndicator(calm, Duration.ofSeconds(-1), TIMEOUT, clock))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("cacheTtl"));
    assertThatThrownBy(() -> new CalmHealthIndicator(calm, Duration.ZERO, Duration.ZERO, clock))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("timeout"));
    assertThatThrownBy(() -> new CalmHealthIndicator(calm, Duration.ZERO, Duration.ofSeconds(-1), clock))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("timeout"));
  }
}
