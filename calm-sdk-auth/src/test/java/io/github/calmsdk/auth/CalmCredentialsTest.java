package io.github.calmsdk.auth;

import io.github.calmsdk.auth.testing.Keys;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.auth.testing.TestKeys;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.calmsdk.auth.testing.Keys.CLIENT_ID;
import static io.github.calmsdk.auth.testing.Keys.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.retry.RetryPolicy;
import io.github.calmsdk.core.testing.CapturedLogs;
import io.github.calmsdk.core.testing.FakeClock;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token flows against a fake token endpoint. */
class CalmCredentialsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private static final String TOKEN = Keys.jwt(List.of("sapcloudalm!b1.imp-cdm-feature-display-ui"), 0);

  private final FakeClock clock = new FakeClock();

  @BeforeEach
  void clearLogs() {
    CapturedLogs.clear();
  }

  private ServiceKey key() {
    return ServiceKey.fromJson(Keys.secretKey(wm.baseUrl()).toString());
  }

  private CalmCredentials.Builder creds() {
    return CalmCredentials.builder(key()).context(context().build());
  }
  private ClientContext.Builder context() {
    return ClientContext.builder().clock(clock).sleeper(clock.sleeper());
  }


  private static void tokenEndpointAnswers(String body) {
    wm.stubFor(post("/oauth/token").willReturn(okJson(body)));
  }

  private static LoggedRequest onlyTokenRequest() {
    List<LoggedRequest> all = wm.findAll(postRequestedFor(urlEqualTo("/oauth/token")));
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void basicAuthenticationCarriesIdAndSecretIntactWithSpecialCharacters() {
    tokenEndpointAnswers(Keys.tokenResponse(TOKEN, 43199, null));

    creds().build().token();

    LoggedRequest r = onlyTokenRequest();
    String basic = r.getHeader("Authorization");
    assertThat(basic).startsWith("Basic ");
    assertThat(new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8))
        .isEqualTo(CLIENT_ID + ":" + SECRET);
    assertThat(form(r.getBodyAsString())).isEqualTo(Map.of("grant_type", "client_credentials"));
    assertThat(r.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(r.getHeader("Accept")).isEqualTo("application/json");
  }

  @Test
  void formAuthenticationCarriesIdAndSecretIntactAsFormFields() {
    tokenEndpointAnswers(Keys.tokenResponse(TOKEN, 43199, null));

    creds().clientAuthentication(ClientAuthentication.FORM).build().token();

    LoggedRequest r = onlyTokenRequest();
    assertThat(r.containsHeader("Authorization")).isFalse();
    assertThat(form(r.getBodyAsString()))
        .isEqualTo(Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret", SECRET));
  }

  @Test
  void tokenTypeExpiryAndScopesAreReadFromTheAnswerAndTheJwt() {
    tokenEndpointAnswers(Keys.tokenResponse(TOKEN, 43199, "uaa.resource sapcloudalm!b1.calm-api.features.read"));

    AccessToken t = creds().build().token();

    assertThat(t.value()).isEqualTo(TOKEN);
    assertThat(t.type()).isEqualTo("Bearer");
    assertThat(t.expiresAt()).isEqualTo(clock.instant().plusSeconds(43199));
    assertThat(t.scopes())
        .containsExactlyInAnyOrder(
            "uaa.resource", "sapcloudalm!b1.calm-api.features.read", "sapcloudalm!b1.imp-cdm-feature-display-ui");
    assertThat(t.missingScopes(List.of("imp-cdm-feature-display-ui", "imp-cdm-feature-manage-ui")))
        .containsExactly("imp-cdm-feature-manage-ui");
  }

  @Test
  void expiresInAsAStringOfDigitsIsAccepted() {
    tokenEndpointAnswers("{\"access_token\":\"opaque-1\",\"token_type\":\"Bearer\",\"expires_in\":\"3600\"}");

    assertThat(creds().build().token().expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
  }

  @Test
  void withoutExpiresInTheJwtExpClaimGivesTheExpiry() {
    long exp = clock.instant().plusSeconds(1800).getEpochSecond();
    tokenEndpointAnswers(Keys.tokenResponse(Keys.jwt(List.of(), exp), -1, null));

    assertThat(creds().build().token().expiresAt().getEpochSecond()).isEqualTo(exp);
  }

  @Test
  void withoutExpiresInAnOpaqueTokenGetsTheDefaultLifetime() {
    tokenEndpointAnswers("{\"access_token\":\"opaque-1\"}");

    assertThat(creds().build().token().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    assertThat(creds().defaultTokenLifetime(Duration.ofMinutes(7)).build().token().expiresAt())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(7)));
  }

  @Test
  void tokenIsRequestedOnceAndThenServedFromTheCache() {
    tokenEndpointAnswers(Keys.tokenResponse(TOKEN, 43199, null));
    CalmCredentials creds = creds().build();

    for (int i = 0; i < 10; i++) {
      creds.token();
    }
    clock.advance(Duration.ofHours(11));
    creds.token();

    onlyTokenRequest();
  }

  @Test
  void sharedCacheGivesClientsOfTheSameKeyOneToken() {
    tokenEndpointAnswers(Keys.tokenResponse(TOKEN, 43199, null));
    TokenCache shared = TokenCache.create();

    AccessToken a = creds().tokenCache(shared).build().token();
    AccessToken b = creds().tokenCache(shared).build().token();

    assertThat(b).isSameAs(a);
    assertThat(shared.size()).isEqualTo(1);
    onlyTokenRequest();
  }

  @Test
  void invalidateMakesTheNextCallFetchANewToken() {
    tokenEndpointAnswers(Keys.tokenResponse(TOKEN, 43199, null));
    CalmCredentials creds = creds().build();
    creds.token();

    creds.invalidate();
    creds.token();

    assertThat(wm.findAll(postRequestedFor(urlEqualTo("/oauth/token")))).hasSize(2);
  }

  @Test
  void rejectedSecretIsAnAuthExceptionWithTheServersErrorAndAHint() {
    wm.stubFor(
        post("/oauth/token")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"unauthorized\",\"error_description\":\"Bad credentials\"}")));

    CalmAuthException e = catchThrowableOfType(CalmAuthException.class, () -> creds().build().token());

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.errorCode()).isEqualTo("unauthorized");
    assertThat(e.serverMessage()).isEqualTo("Bad credentials");
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.getMessage())
        .contains("uaa.clientid, uaa.clientsecret")
        .contains("HTTP 401 unauthorized - Bad credentials")
        .contains("POST " + wm.baseUrl() + "/oauth/token")
        .doesNotContain(SECRET);
  }

  @Test
  void invalidClientWithStatus400IsAnAuthExceptionNotAnInvalidRequest() {
    wm.stubFor(
        post("/oauth/token")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));

    CalmAuthException e = catchThrowableOfType(CalmAuthException.class, () -> creds().build().token());

    assertThat(e.getClass()).isEqualTo(CalmAuthException.class);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.errorCode()).isEqualTo("invalid_client");
    assertThat(e.serverMessage()).isEqualTo("Client authentication failed");
  }

  @Test
  void serverThatEchoesTheSecretNeverGetsItIntoTheException() {
    wm.stubFor(
        post("/oauth/token")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"error\":\"invalid_client\",\"error_description\":\"no client with secret " + SECRET + "\"}")));

    CalmAuthException e = catchThrowableOfType(CalmAuthException.class, () -> creds().build().token());

    assertThat(e.getMessage()).doesNotContain(SECRET).contains("***");
    assertThat(e.details().bodyExcerpt()).doesNotContain(SECRET);
  }

  @Test
  void unavailableTokenEndpointIsRetriedUnderCoresRules() {
    wm.stubFor(
        post("/oauth/token")
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2"))
            .willSetStateTo("reset"));
    wm.stubFor(
        post("/oauth/token")
            .inScenario("flaky")
            .whenScenarioStateIs("reset")
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("up"));
    wm.stubFor(
        post("/oauth/token")
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(okJson(Keys.tokenResponse(TOKEN, 43199, null))));

    assertThat(creds().build().token().value()).isEqualTo(TOKEN);
    assertThat(wm.findAll(postRequestedFor(urlEqualTo("/oauth/token")))).hasSize(3);
    assertThat(clock.sleeps()).hasSize(2).first().isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void tokenEndpointThatStaysDownGivesAnAuthExceptionWithTheAttempts() {
    wm.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(502).withBody("<html><title>Bad Gateway</title></html>")));

    CalmAuthException e = catchThrowableOfType(CalmAuthException.class, () -> creds().build().token());

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.attempts()).isEqualTo(4);
    assertThat(e.getMessage()).contains("unavailable").contains("4 attempts");
  }

  @Test
  void unreachableTokenEndpointGivesAnAuthExceptionCausedByTheTransportFailure() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ServiceKey key = ServiceKey.fromJson(Keys.secretKey("http://127.0.0.1:" + closedPort).toString());

    CalmAuthException e =
        catchThrowableOfType(
            CalmAuthException.class,
            () -> CalmCredentials.builder(key).context(context().build()).build().token());

    assertThat(e.getMessage()).contains("could not get an access token").contains("could not connect");
    assertThat(e.attempts()).isEqualTo(4);
    assertThat(e.getCause()).isInstanceOf(CalmTransportException.class);
  }

  @Test
  void unreachableTokenHostIsNamedANetworkProblemWithHostAndPortNotACredentialsOne() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ServiceKey key = ServiceKey.fromJson(Keys.secretKey("http://127.0.0.1:" + closedPort).toString());

    CalmAuthException e =
        catchThrowableOfType(
            CalmAuthException.class,
            () -> CalmCredentials.builder(key).context(context().build()).build().token());

    assertThat(e.getMessage())
        .contains("a network problem, not the credentials")
        .contains("127.0.0.1:" + closedPort)
        .contains("https.proxyHost")
        .contains("ProxySelector")
        .doesNotContain("uaa.clientsecret");
    assertThat(e.getCause())
        .isInstanceOfSatisfying(
            CalmTransportException.class, t -> assertThat(t.requestMayHaveBeenSent()).isFalse());
  }

  @Test
  void tokenEndpointThatAnswersWithAnErrorIsNotCausedByATransportFailure() {
    wm.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_client\"}")));

    CalmAuthException e = catchThrowableOfType(CalmAuthException.class, () -> creds().build().token());

    assertThat(e.getCause()).isNull();
    assertThat(e.getMessage()).contains("uaa.clientsecret").doesNotContain("network problem");
  }

  @Test
  void slowTokenEndpointTimesOutAsAnAuthException() {
    wm.stubFor(post("/oauth/token").willReturn(okJson(Keys.tokenResponse(TOKEN, 60, null)).withFixedDelay(3000)));

    CalmAuthException e =
        catchThrowableOfType(
            CalmAuthException.class,
            () ->
                CalmCredentials.builder(key())
                    .context(context().retryPolicy(RetryPolicy.none()).build())
                    .tokenCallTimeout(Duration.ofMillis(250))
                    .build()
                    .token());

    assertThat(e.getCause()).isInstanceOf(CalmTimeoutException.class);
    assertThat(e.getMessage()).contains("could not get an access token");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<html><body>Please sign in</body></html>",
        "{\"token_type\":\"bearer\",\"expires_in\":3600}",
        "{\"access_token\":\"abcd-opaque-1234\",\"expires_in\":\"soon\"}",
        "{\"access_token\":\"abcd-opaque-1234\",\"expires_in\":0}",
        "{\"access_token\":\"abcd-opaque-1234\",\"token_type\":\"mac\",\"expires_in\":60}",
        "{\"access_token\":\"abcd-opaque-1234\",\"expires_in\":36",
        "[\"abcd-opaque-1234\"]",
        ""
      })
  void garbageFromTheTokenEndpointIsAnAuthExceptionThatNeverShowsTheToken(String body) {
    wm.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(200).withBody(body)));

    CalmAuthException e = catchThrowableOfType(CalmAuthException.class, () -> creds().build().token());

    assertThat(e.getMessage()).contains("not with a usable token").doesNotContain("abcd-opaque-1234");
    assertThat(e.details().bodyExcerpt()).isNull();
    assertThat(e.status()).isEqualTo(200);
  }

  @Test
  void x509KeyPostsClientIdToTheCertUrlWithoutAnySecret() {
    TestKeys keys = TestKeys.generate("calm-client");
    ServiceKey key = ServiceKey.fromJson(Keys.x509Key(wm.baseUrl(), keys, true).toString());
    tokenEndpointAnswers(Keys.tokenResponse(TOKEN, 43199, null));

    CalmCredentials creds = CalmCredentials.builder(key).context(context().build()).build();

    assertThat(creds.token().value()).isEqualTo(TOKEN);
    LoggedRequest r = onlyTokenRequest();
    assertThat(r.containsHeader("Authorization")).isFalse();
    assertThat(form(r.getBodyAsString())).isEqualTo(Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID));
  }

  @Test
  void secretsAndTokensNeverAppearInLogsExceptionsOrToString() {
    tokenEndpointAnswers(Keys.tokenResponse(TOKEN, 43199, "a b"));
    CalmCredentials creds = creds().build();
    AccessToken t = creds.token();
    wm.stubFor(
        post("/oauth/token")
            .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_client\",\"access_token\":\"" + TOKEN + "\"}")));
    creds.invalidate();
    CalmAuthException e = catchThrowableOfType(CalmAuthException.class, creds::token);

    String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    String everything =
        CapturedLogs.text() + "\n" + e.getMessage() + "\n" + e.details() + "\n" + t + "\n" + creds + "\n" + creds.key();
    assertThat(CapturedLogs.text()).contains("got an access token for " + CLIENT_ID);
    assertThat(everything).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain(basic);
  }

  @Test
  void plainHttpTokenUrlToARemoteHostIsRefusedWithAClearMessage() {
    Throwable e =
        catchThrowableOfType(
            io.github.calmsdk.core.error.CalmValidationException.class,
            () -> ServiceKey.fromJson(Keys.secretKey("http://uaa.example.org").toString()));

    assertThat(e)
        .hasMessageStartingWith("uaa.url: uses http://uaa.example.org")
        .hasMessageContaining("only https")
        .hasMessageContaining("loopback");
  }

  @Test
  void loginPageOfAProxyIsNamedByItsContentTypeWithoutQuotingIt() {
    wm.stubFor(
        post("/oauth/token")
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>sign in</html>")));

    CalmAuthException e = catchThrowableOfType(CalmAuthException.class, () -> creds().build().token());

    assertThat(e.getMessage()).contains("not a JSON object").contains("text/html, 20 bytes, not shown");
  }

  @Test
  void freshTokenReadAllocatesNothing() {
    tokenEndpointAnswers(Keys.tokenResponse(TOKEN, 43199, null));
    CalmCredentials creds = CalmCredentials.builder(key()).context(ClientContext.builder().clock(Clock.systemUTC()).build()).build();
    creds.token();
    java.lang.management.ThreadMXBean base = ManagementFactory.getThreadMXBean();
    org.junit.jupiter.api.Assumptions.assumeTrue(base instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) base;
    org.junit.jupiter.api.Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
    long id = Thread.currentThread().getId();
    AccessToken sink = null;
    for (int i = 0; i < 200_000; i++) {
      sink = creds.token();
    }

    int n = 1_000_000;
    long before = mx.getThreadAllocatedBytes(id);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink = creds.token();
    }
    long nanos = System.nanoTime() - t0;
    long allocated = mx.getThreadAllocatedBytes(id) - before;

    System.out.printf("fresh token() read: %.1f ns/op, %.4f bytes/op%n", (double) nanos / n, (double) allocated / n);
    assertThat(sink.value()).isEqualTo(TOKEN);
    // one allocation per read would be at least 16 MB here; a few KB are one-off JIT and MXBean noise
    assertThat(allocated).as("bytes allocated by %d fresh reads", n).isLessThan(64 * 1024);
  }
}
