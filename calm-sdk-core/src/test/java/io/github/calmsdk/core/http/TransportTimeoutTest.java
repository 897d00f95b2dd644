package io.github.calmsdk.core.http;

import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.ClientContext;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TransportTimeoutTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();

  private HttpPipeline pipeline(Duration attemptTimeout) {
    return ClientContext.builder().clock(clock).sleeper(clock.sleeper()).attemptTimeout(attemptTimeout).build().pipeline();
  }

  @Test
  void aBodyThatStallsAfterTheHeadersEndsTheAttemptAndASafeCallIsRetried() {
    wm.stubFor(get(urlEqualTo("/dribble")).inScenario("d").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(ok("x".repeat(1000)).withChunkedDribbleDelay(10, 6000)).willSetStateTo("fast"));
    wm.stubFor(get(urlEqualTo("/dribble")).inScenario("d").whenScenarioStateIs("fast").willReturn(ok("done")));
    CalmResponse r = pipeline(Duration.ofMillis(200)).send(CalmRequest.get(URI.create(wm.baseUrl() + "/dribble")).build());
    assertThat(r.bodyAsString()).isEqualTo("done");
    assertThat(r.attempts()).isEqualTo(2);
  }

  @Test
  void aStateChangingCallWhoseBodyStallsIsAmbiguousAndNotResent() {
    wm.stubFor(post(urlEqualTo("/dribble")).willReturn(ok("x".repeat(1000)).withChunkedDribbleDelay(10, 6000)));
    assertThatThrownBy(() -> pipeline(Duration.ofMillis(200))
            .send(CalmRequest.post(URI.create(wm.baseUrl() + "/dribble")).jsonBody("{}".getBytes()).build()))
        .isInstanceOf(CalmAmbiguousOutcomeException.class)
        .hasCauseInstanceOf(CalmTimeoutException.class);
    wm.verify(1, postRequestedFor(urlEqualTo("/dribble")));
  }

  /** JDK 25's client completes sendAsync's futures through the common pool; the SDK must not depend on it. */
  @Test
  void callsCompleteWhileTheCommonForkJoinPoolIsBlocked() throws Exception {
    wm.stubFor(get(urlEqualTo("/ping")).willReturn(ok("pong")));
    CountDownLatch release = new CountDownLatch(1);
    List<CompletableFuture<Void>> blockers = new ArrayList<>();
    for (int i = 0; i < ForkJoinPool.commonPool().getParallelism(); i++) {
      blockers.add(CompletableFuture.runAsync(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    try {
      HttpPipeline p = ClientContext.builder().attemptTimeout(Duration.ofSeconds(5)).retryPolicy(io.github.calmsdk.core.retry.RetryPolicy.none()).build().pipeline();
      CalmResponse r = p.send(CalmRequest.get(URI.create(wm.baseUrl() + "/ping")).build());
      assertThat(r.bodyAsString()).isEqualTo("pong");
    } finally {
      release.countDown();
      CompletableFuture.allOf(blockers.toArray(new CompletableFuture[0])).join();
    }
  }
}
