package io.github.calmsdk.core.http;

import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.ClientContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmRateLimitException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.error.CalmUnavailableException;
import io.github.calmsdk.core.retry.Backoff;
import io.github.calmsdk.core.retry.RetryBudget;
import io.github.calmsdk.core.retry.RetryPolicy;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineRetryTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();

  private ClientContext.Builder pipeline() {
    return ClientContext.builder()
        .clock(clock)
        .sleeper(clock.sleeper())
        .retryBudget(RetryBudget.unlimited())
        .retryPolicy(RetryPolicy.builder().backoff(Backoff.fixed(Duration.ofMillis(100))).build());
  }

  private URI uri(String path) {
    return URI.create(wm.baseUrl() + path);
  }

  private void failTwiceThenSucceed(String method, int status) {
    var first = method.equals("GET") ? get(urlEqualTo("/r")) : post(urlEqualTo("/r"));
    var again = method.equals("GET") ? get(urlEqualTo("/r")) : post(urlEqualTo("/r"));
    var last = method.equals("GET") ? get(urlEqualTo("/r")) : post(urlEqualTo("/r"));
    wm.stubFor(first.inScenario("s").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(status)).willSetStateTo("second"));
    wm.stubFor(again.inScenario("s").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(status)).willSetStateTo("third"));
    wm.stubFor(last.inScenario("s").whenScenarioStateIs("third").willReturn(ok("{\"ok\":true}")));
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void retriesASafeCallUntilItSucceeds(int status) {
    failTwiceThenSucceed("GET", status);
    CalmResponse r = pipeline().build().pipeline().send(CalmRequest.get(uri("/r")).build());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.attempts()).isEqualTo(3);
    wm.verify(3, getRequestedFor(urlEqualTo("/r")));
    assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
  }

  @ParameterizedTest
  @ValueSource(ints = {429})
  void retriesAStateChangingCallOnStatusesThatProveItWasNotProcessed(int status) {
    failTwiceThenSucceed("POST", status);
    CalmResponse r = pipeline().build().pipeline().send(CalmRequest.post(uri("/r")).jsonBody("{}".getBytes()).build());
    assertThat(r.status()).isEqualTo(200);
    wm.verify(3, postRequestedFor(urlEqualTo("/r")));
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void neverResendsAStateChangingCallThatMayHaveBeenProcessed(int status) {
    wm.stubFor(post(urlEqualTo("/r")).willReturn(aResponse().withStatus(status)));
    assertThatThrownBy(() -> pipeline().build().pipeline().send(CalmRequest.post(uri("/r")).jsonBody("{}".getBytes()).build()))
        .isInstanceOf(CalmAmbiguousOutcomeException.class)
        .hasMessageContaining("outcome unknown")
        .hasMessageContaining("HTTP " + status);
    wm.verify(1, postRequestedFor(urlEqualTo("/r")));
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
  void retriesASafeCallAfterTheConnectionBreaks(Fault fault) {
    wm.stubFor(get(urlEqualTo("/r")).inScenario("f").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(fault)).willSetStateTo("ok"));
    wm.stubFor(get(urlEqualTo("/r")).inScenario("f").whenScenarioStateIs("ok").willReturn(ok("fine")));
    CalmResponse r = pipeline().build().pipeline().send(CalmRequest.get(uri("/r")).build());
    assertThat(r.bodyAsString()).isEqualTo("fine");
    assertThat(r.attempts()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
  void reportsAnAmbiguousOutcomeAndDoesNotResendWhenAStateChangingCallLosesItsAnswer(Fault fault) {
    wm.stubFor(post(urlEqualTo("/r")).willReturn(aResponse().withFault(fault)));
    assertThatThrownBy(() -> pipeline().build().pipeline().send(CalmRequest.post(uri("/r")).jsonBody("{}".getBytes()).build()))
        .isInstanceOf(CalmAmbiguousOutcomeException.class)
        .hasMessageContaining("was sent but its answer was lost")
        .hasCauseInstanceOf(CalmTransportException.class);
    wm.verify(1, postRequestedFor(urlEqualTo("/r")));
  }

  @Test
  void retriesAStateChangingCallWhenTheConnectionCouldNotBeMade() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    URI dead = URI.create("http://127.0.0.1:" + closedPort + "/r");
    assertThatThrownBy(() -> pipeline().build().pipeline().send(CalmRequest.post(dead).jsonBody("{}".getBytes()).build()))
        .isInstanceOf(CalmTransportException.class)
        .isNotInstanceOf(CalmAmbiguousOutcomeException.class)
        .satisfies(e -> {
          assertThat(((CalmTransportException) e).requestMayHaveBeenSent()).isFalse();
          assertThat(((CalmException) e).attempts()).isEqualTo(4);
          assertThat(e.getSuppressed()).hasSize(3);
        });
  }

  @Test
  void honoursRetryAfterInSeconds() {
    wm.stubFor(get(urlEqualTo("/r")).inScenario("ra").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
    wm.stubFor(get(urlEqualTo("/r")).inScenario("ra").whenScenarioStateIs("ok").willReturn(ok()));
    pipeline().build().pipeline().send(CalmRequest.get(uri("/r")).build());
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void honoursRetryAfterAsAnHttpDate() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(12).atOffset(ZoneOffset.UTC));
    wm.stubFor(get(urlEqualTo("/r")).inScenario("rd").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", date)).willSetStateTo("ok"));
    wm.stubFor(get(urlEqualTo("/r")).inScenario("rd").whenScenarioStateIs("ok").willReturn(ok()));
    pipeline().build().pipeline().send(CalmRequest.get(uri("/r")).build());
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void givesUpWithoutWaitingWhenRetryAfterIsBeyondTheDeadline() {
    wm.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));
    HttpPipeline p = pipeline().callTimeout(Duration.ofSeconds(30)).build().pipeline();
    assertThatThrownBy(() -> p.send(CalmRequest.get(uri("/r")).build()))
        .isInstanceOf(CalmRateLimitException.class)
        .satisfies(e -> assertThat(((CalmRateLimitException) e).retryAfter()).contains(Duration.ofSeconds(600)));
    assertThat(clock.sleeps()).isEmpty();
    wm.verify(1, getRequestedFor(urlEqualTo("/r")));
  }

  @Test
  void theWholeCallDeadlineCapsTheSumOfTheWaits() {
    wm.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "4")));
    HttpPipeline p =
        pipeline().callTimeout(Duration.ofSeconds(10))
            .retryPolicy(RetryPolicy.builder().maxRetries(100).build()).build().pipeline();
    assertThatThrownBy(() -> p.send(CalmRequest.get(uri("/r")).build())).isInstanceOf(CalmUnavailableException.class);
    Duration waited = clock.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(waited).isLessThan(Duration.ofSeconds(10));
    assertThat(clock.sleeps()).hasSize(2);
  }

  @Test
  void stopsRetryingWhenTheSharedBudgetIsUsedUp() {
    wm.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(503)));
    RetryBudget budget = RetryBudget.of(10, 5, 10);
    HttpPipeline p = pipeline().retryBudget(budget).build().pipeline();
    assertThatThrownBy(() -> p.send(CalmRequest.get(uri("/r")).build()))
        .isInstanceOf(CalmUnavailableException.class)
        .satisfies(e -> assertThat(((CalmException) e).attempts()).isEqualTo(3));
    assertThatThrownBy(() -> p.send(CalmRequest.get(uri("/r")).build()))
        .satisfies(e -> assertThat(((CalmException) e).attempts()).isEqualTo(1));
    wm.verify(4, getRequestedFor(urlEqualTo("/r")));
  }

  @Test
  void earlierAttemptsRideAlongAsSuppressedExceptions() {
    wm.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(502).withBody("bad gateway")));
    assertThatThrownBy(() -> pipeline().build().pipeline().send(CalmRequest.get(uri("/r")).build()))
        .isInstanceOf(CalmUnavailableException.class)
        .hasMessageContaining("HTTP 502")
        .hasMessageContaining("4 attempts")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(3).allMatch(s -> s instanceof CalmUnavailableException));
  }

  @Test
  void aPerCallRetryPolicyOverridesTheClients() {
    wm.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(503)));
    CalmRequest r = CalmRequest.get(uri("/r")).options(CallOptions.builder().retryPolicy(RetryPolicy.none()).build()).build();
    assertThatThrownBy(() -> pipeline().build().pipeline().send(r)).isInstanceOf(CalmUnavailableException.class);
    wm.verify(1, getRequestedFor(urlEqualTo("/r")));
  }

  @Test
  void anAttemptThatTakesTooLongTimesOutAndIsRetriedWhenSafe() {
    wm.stubFor(get(urlEqualTo("/slow")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(ok().withFixedDelay(2000)).willSetStateTo("fast"));
    wm.stubFor(get(urlEqualTo("/slow")).inScenario("t").whenScenarioStateIs("fast").willReturn(ok("quick")));
    HttpPipeline p = pipeline().attemptTimeout(Duration.ofMillis(300)).build().pipeline();
    CalmResponse r = p.send(CalmRequest.get(uri("/slow")).build());
    assertThat(r.bodyAsString()).isEqualTo("quick");
    assertThat(r.attempts()).isEqualTo(2);
  }

  @Test
  void aStateChangingCallThatTimesOutIsAmbiguousAndNotResent() {
    wm.stubFor(post(urlEqualTo("/slow")).willReturn(ok().withFixedDelay(2000)));
    HttpPipeline p = pipeline().attemptTimeout(Duration.ofMillis(300)).build().pipeline();
    assertThatThrownBy(() -> p.send(CalmRequest.post(uri("/slow")).jsonBody("{}".getBytes()).build()))
        .isInstanceOf(CalmAmbiguousOutcomeException.class)
        .hasCauseInstanceOf(CalmTimeoutException.class);
    wm.verify(1, postRequestedFor(urlEqualTo("/slow")));
  }

  @Test
  void sendsTheSameRequestIdOnEveryAttemptAndAUserAgent() {
    failTwiceThenSucceed("GET", 503);
    pipeline().userAgentSuffix("my-tool/1.0").build().pipeline().send(CalmRequest.get(uri("/r")).build());
    var requests = wm.findAll(getRequestedFor(urlEqualTo("/r")));
    assertThat(requests).hasSize(3);
    String id = requests.get(0).getHeader("X-Request-Id");
    assertThat(id).isNotBlank();
    assertThat(requests).allMatch(r -> id.equals(r.getHeader("X-Request-Id")));
    assertThat(requests.get(0).getHeader("User-Agent")).startsWith("calm-sdk-java/").endsWith("my-tool/1.0");
  }

  @Test
  void sendsThePerCallHeadersOnEveryAttempt() {
    failTwiceThenSucceed("GET", 503);
    pipeline().build().pipeline().send(CalmRequest.get(uri("/r"))
        .options(CallOptions.builder().header("X-Correlation-Id", "job-42").build()).build());
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/r")))).hasSize(3)
        .allMatch(r -> "job-42".equals(r.getHeader("X-Correlation-Id")));
  }
}
