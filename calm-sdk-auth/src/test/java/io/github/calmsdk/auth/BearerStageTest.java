package io.github.calmsdk.auth;

import io.github.calmsdk.auth.testing.Keys;
import io.github.calmsdk.core.ClientContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.testing.CapturedLogs;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bearer stage in a core pipeline, against one fake server that is both token endpoint and API. */
class BearerStageTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();
  private final ExecutorService threads = Executors.newFixedThreadPool(64);
  private CalmCredentials creds;
  private HttpPipeline api;

  @BeforeEach
  void setUp() {
    CapturedLogs.clear();
    ServiceKey key = ServiceKey.fromJson(Keys.secretKey(wm.baseUrl()).toString());
    creds = CalmCredentials.builder(key).context(ClientContext.builder().clock(clock).sleeper(clock.sleeper()).build()).build();
    api = ClientContext.builder().clock(clock).sleeper(clock.sleeper()).authorization(creds.bearerStage()).build().pipeline();
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private static void tokens(String... values) {
    for (int i = 0; i < values.length; i++) {
      wm.stubFor(
          post("/oauth/token")
              .inScenario("tokens")
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "issued-" + i)
              .willReturn(okJson(Keys.tokenResponse(values[i], 3600, null)))
              .willSetStateTo("issued-" + (i + 1)));
    }
  }

  private CalmResponse getNodes() {
    return api.send(CalmRequest.get(URI.create(wm.baseUrl() + "/api/nodes")).build());
  }

  private static int tokenRequests() {
    return wm.findAll(postRequestedFor(urlEqualTo("/oauth/token"))).size();
  }

  private static List<String> apiAuthorizations() {
    List<String> out = new ArrayList<>();
    for (LoggedRequest r : wm.findAll(getRequestedFor(urlEqualTo("/api/nodes")))) {
      out.add(r.getHeader("Authorization"));
    }
    return out;
  }

  @Test
  void callsCarryTheCachedBearerToken() {
    tokens("tok-1");
    wm.stubFor(get("/api/nodes").withHeader("Authorization", equalTo("Bearer tok-1")).willReturn(okJson("{}")));

    for (int i = 0; i < 5; i++) {
      assertThat(getNodes().status()).isEqualTo(200);
    }
    assertThat(tokenRequests()).isEqualTo(1);
  }

  @Test
  void a401MidFlightGivesOneRefreshAndOneResend() {
    tokens("tok-1", "tok-2");
    wm.stubFor(get("/api/nodes").withHeader("Authorization", equalTo("Bearer tok-1")).willReturn(aResponse().withStatus(401)));
    wm.stubFor(get("/api/nodes").withHeader("Authorization", equalTo("Bearer tok-2")).willReturn(okJson("{}")));

    assertThat(getNodes().status()).isEqualTo(200);

    assertThat(tokenRequests()).isEqualTo(2);
    assertThat(apiAuthorizations()).containsExactly("Bearer tok-1", "Bearer tok-2");
    assertThat(creds.token().value()).isEqualTo("tok-2");
  }

  @Test
  void aSecond401IsAnAuthenticationErrorNeverALoop() {
    tokens("tok-1", "tok-2", "tok-3");
    wm.stubFor(get("/api/nodes").willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_token\"}")));

    CalmAuthException e = catchThrowableOfType(CalmAuthException.class, this::getNodes);

    assertThat(e.status()).isEqualTo(401);
    assertThat(tokenRequests()).isEqualTo(2);
    assertThat(apiAuthorizations()).containsExactly("Bearer tok-1", "Bearer tok-2");
  }

  @Test
  void a403IsNotAnsweredWithANewToken() {
    tokens("tok-1", "tok-2");
    wm.stubFor(get("/api/nodes").willReturn(aResponse().withStatus(403)));

    CalmAuthException e = catchThrowableOfType(CalmAuthException.class, this::getNodes);

    assertThat(e.status()).isEqualTo(403);
    assertThat(tokenRequests()).isEqualTo(1);
    assertThat(apiAuthorizations()).hasSize(1);
  }

  @Test
  void a401OnAStateChangingCallResendsItOnceWithItsBody() {
    tokens("tok-1", "tok-2");
    wm.stubFor(post("/api/import").withHeader("Authorization", equalTo("Bearer tok-1")).willReturn(aResponse().withStatus(401)));
    wm.stubFor(post("/api/import").withHeader("Authorization", equalTo("Bearer tok-2")).willReturn(okJson("{\"actionId\":7}")));

    CalmResponse r =
        api.send(CalmRequest.post(URI.create(wm.baseUrl() + "/api/import")).jsonBody("{\"node\":\"DEV\"}".getBytes()).build());

    assertThat(r.status()).isEqualTo(200);
    List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo("/api/import")));
    assertThat(sent).hasSize(2);
    assertThat(sent).allSatisfy(s -> assertThat(s.getBodyAsString()).isEqualTo("{\"node\":\"DEV\"}"));
  }

  @Test
  void sixtyFourThreadsOnAnExpiredTokenMakeExactlyOneTokenRequest() throws Exception {
    tokens("tok-1", "tok-2", "tok-3");
    wm.stubFor(get("/api/nodes").willReturn(okJson("{}")));
    getNodes();
    clock.advance(Duration.ofHours(2)); // tok-1 (1 hour) has expired
    wm.stubFor(
        post("/oauth/token")
            .inScenario("tokens")
            .whenScenarioStateIs("issued-1")
            .willReturn(okJson(Keys.tokenResponse("tok-2", 3600, null)).withFixedDelay(200))
            .willSetStateTo("issued-2"));
    CountDownLatch ready = new CountDownLatch(64);
    List<Future<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      calls.add(
          threads.submit(
              () -> {
                ready.countDown();
                ready.await();
                return getNodes().status();
              }));
    }
    for (Future<Integer> c : calls) {
      assertThat(c.get(30, TimeUnit.SECONDS)).isEqualTo(200);
    }

    assertThat(tokenRequests()).isEqualTo(2);
    assertThat(apiAuthorizations()).hasSize(65).filteredOn("Bearer tok-2"::equals).hasSize(64);
  }

  @Test
  void aRefreshThatFailsWhileTheTokenIsValidKeepsTheCallsGoing() {
    tokens("tok-1");
    wm.stubFor(get("/api/nodes").willReturn(okJson("{}")));
    getNodes();
    clock.advance(Duration.ofMinutes(58)); // 2 minutes left: stale whatever the jitter (refresh 5 to 2.5 min before)
    wm.stubFor(
        post("/oauth/token")
            .inScenario("tokens")
            .whenScenarioStateIs("issued-1")
            .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_request\"}")));

    assertThat(getNodes().status()).isEqualTo(200);
    assertThat(getNodes().status()).isEqualTo(200);

    assertThat(tokenRequests()).as("one failed refresh, then the back-off").isEqualTo(2);
    assertThat(apiAuthorizations()).containsOnly("Bearer tok-1");
    assertThat(CapturedLogs.text()).contains("still using the cached token").doesNotContain(Keys.SECRET);
  }
}
