package io.github.calmsdk.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.retry.Sleeper;
import io.github.calmsdk.core.testing.FakeClock;
import io.github.calmsdk.core.testing.SteppingSleeper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cancelling the future of awaitAsync ends the wait: no poll is sent after it. */
class AwaitCancellationTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private static final String ACTION = Wm.path("/actions/171");

  private final FakeClock clock = new FakeClock();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @BeforeEach
  void setUp() {
    wm.stubFor(get(ACTION).willReturn(okJson("{\"id\":171,\"status\":\"running\"}")));
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  private DeploymentClient client(Sleeper sleeper) {
    // an HTTP client of its own, so that the one-thread pool runs only the wait
    ClientContext context =
        ClientContext.builder()
            .clock(clock)
            .sleeper(sleeper)
            .executor(pool)
            .httpClient(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build())
            .build();
    return DeploymentClient.create(context, Wm.apiBase(wm), DeploymentOptions.defaults());
  }

  @ParameterizedTest(name = "cancel({0}) interrupts the sleep between polls")
  @ValueSource(booleans = {true, false})
  void cancellingInterruptsTheWaitBetweenPollsAndNoFurtherPollIsSent(boolean mayInterrupt) throws Exception {
    SteppingSleeper sleeper = new SteppingSleeper(clock);
    CompletableFuture<ImportOutcome> f =
        client(sleeper).action(ActionId.of(171)).awaitAsync(Duration.ofHours(1));
    sleeper.awaitSleeping(); // polled once, now waiting; the sleeper never releases on its own

    assertThat(f.cancel(mayInterrupt)).isTrue();

    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS))
        .as("the waiting thread was woken by the cancel and left the loop")
        .isTrue();
    assertThat(f.isCancelled()).isTrue();
    wm.verify(1, getRequestedFor(urlEqualTo(ACTION)));
  }

  @Test
  void aSleeperThatIgnoresInterruptsStillSendsNoPollAfterTheCancel() throws Exception {
    CountDownLatch sleeping = new CountDownLatch(1);
    Semaphore release = new Semaphore(0);
    Sleeper deaf =
        duration -> {
          sleeping.countDown();
          release.acquireUninterruptibly();
        };
    CompletableFuture<ImportOutcome> f = client(deaf).action(ActionId.of(171)).awaitAsync(Duration.ofHours(1));
    assertThat(sleeping.await(10, TimeUnit.SECONDS)).isTrue();

    f.cancel(false);
    release.release(10); // the sleep ends as if its time had passed

    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    wm.verify(1, getRequestedFor(urlEqualTo(ACTION)));
  }

  @Test
  void theExecutorThreadIsNotLeftInterruptedAfterACancelledWait() throws Exception {
    SteppingSleeper sleeper = new SteppingSleeper(clock);
    CompletableFuture<ImportOutcome> f = client(sleeper).action(ActionId.of(171)).awaitAsync(Duration.ofHours(1));
    sleeper.awaitSleeping();
    f.cancel(true);

    boolean interrupted = pool.submit(() -> Thread.currentThread().isInterrupted()).get(10, TimeUnit.SECONDS);

    assertThat(interrupted).isFalse();
  }
}
