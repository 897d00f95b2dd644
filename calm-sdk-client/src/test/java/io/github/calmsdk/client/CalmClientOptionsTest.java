package io.github.calmsdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.auth.ClientAuthentication;
import io.github.calmsdk.auth.testing.Keys;
import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.auth.TokenCache;
import io.github.calmsdk.auth.testing.MtlsTokenEndpoint;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.event.TokenEvent;
import io.github.calmsdk.core.http.HttpStage;
import io.github.calmsdk.core.json.JacksonJsonCodec;
import io.github.calmsdk.core.json.JsonCodec;
import io.github.calmsdk.core.retry.RetryBudget;
import io.github.calmsdk.core.retry.RetryPolicy;
import io.github.calmsdk.core.testing.FakeClock;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.features.FeaturesOptions;
import io.github.calmsdk.testkit.FakeCalm;
import io.github.calmsdk.testkit.RecordedRequest;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option of {@link CalmClient.Builder} reaches the place that uses it, also when service options are passed
 * beside it (passing {@code deploymentOptions} once detached the clock, sleeper and executor from the client).
 */
class CalmClientOptionsTest {
  @TempDir Path dir;

  private final FakeClock clock = new FakeClock();
  private FakeCalm fake;

  @BeforeEach
  void start() {
    fake = FakeCalm.builder().clock(clock).importPollsUntilDone(2).start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private CalmClient.Builder builder() {
    return CalmClient.builder().serviceKey(ServiceKey.fromJson(fake.serviceKeyJson()));
  }

  @Test
  void contextOptionsSetOnTheClientBuilderAreTheContextsEvenWithServiceOptionsPassed() {
    Executor executor = Runnable::run;
    RetryBudget budget = RetryBudget.of(7, 1, 2);
    RetryPolicy policy = RetryPolicy.builder().maxRetries(1).build();
    JsonCodec codec = JacksonJsonCodec.create();
    RandomGenerator random = new SplittableRandom(7);
    try (CalmClient calm =
        builder()
            .deploymentOptions(DeploymentOptions.defaults())
            .featuresOptions(FeaturesOptions.defaults())
            .clock(clock)
            .sleeper(clock.sleeper())
            .executor(executor)
            .retryBudget(budget)
            .retryPolicy(policy)
            .codec(codec)
            .random(random)
            .callTimeout(Duration.ofSeconds(42))
            .attemptTimeout(Duration.ofSeconds(7))
            .connectTimeout(Duration.ofSeconds(3))
            .maxResponseBytes(1 << 20)
            .build()) {
      ClientContext c = calm.context();
      assertThat(c.clock()).isSameAs(clock);
      assertThat(c.executor()).isSameAs(executor);
      assertThat(c.retryBudget()).isSameAs(budget);
      assertThat(c.retryPolicy()).isSameAs(policy);
      assertThat(c.codec()).isSameAs(codec);
      assertThat(c.random()).isSameAs(random);
      assertThat(c.callTimeout()).isEqualTo(Duration.ofSeconds(42));
      assertThat(c.attemptTimeout()).isEqualTo(Duration.ofSeconds(7));
      assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(c.maxResponseBytes()).isEqualTo(1 << 20);
      assertThat(c.httpClient().connectTimeout()).contains(Duration.ofSeconds(3));
    }
  }

  @Test
  void aProxyOrAnHttpClientOfYourOwnIsTheOneTheCallsUse() {
    ProxySelector proxy = ProxySelector.of(null);
    try (CalmClient calm = builder().proxy(proxy).build()) {
      assertThat(calm.context().proxy()).isSameAs(proxy);
      assertThat(calm.context().httpClient().proxy()).contains(proxy);
    }
    HttpClient own = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    try (CalmClient calm = builder().httpClient(own).build()) {
      assertThat(calm.context().httpClient()).isSameAs(own);
      assertThat(calm.deployment().nodes()).isNotEmpty();
    }
  }

  @Test
  void theClientsSleeperAndExecutorDriveTheImportAwaitAlthoughDeploymentOptionsWerePassed() throws Exception {
    AtomicInteger executed = new AtomicInteger();
    Executor executor =
        task -> {
          executed.incrementAndGet();
          new Thread(task, "options-test").start();
        };
    try (CalmClient calm =
        builder()
            .deploymentOptions(DeploymentOptions.defaults())
            .clock(clock)
            .sleeper(clock.sleeper())
            .executor(executor)
            .build()) {
      Path file = dir.resolve("app.mtar");
      Files.write(file, "content".getBytes(StandardCharsets.UTF_8));
      TransportRequestId tr =
          calm.deployment()
              .export(ExportRequest.builder().node("DEV").file(file).contentType(ContentType.MTA).description("r").build())
              .transportRequestId();
      fake.importOutcome(tr.value(), "succeeded");

      ImportOutcome outcome =
          calm.deployment()
              .importTransports(ImportRequest.of(NodeName.of("QAS"), tr))
              .awaitAsync(Duration.ofMinutes(5))
              .get(30, TimeUnit.SECONDS);

      assertThat(outcome.isSuccessful()).isTrue();
      assertThat(executed).hasPositiveValue();
      // the fake finishes the import after two polls: the waits between them went through the client's sleeper
      assertThat(clock.sleeps()).isNotEmpty();
    }
  }

  @Test
  void requestIdHeaderUserAgentAndStagesReachEveryApiCall() {
    HttpStage perCall = (request, ctx, next) -> next.proceed(request.withHeader("X-Per-Call", "1"));
    HttpStage perAttempt = (request, ctx, next) -> next.proceed(request.withHeader("X-Per-Attempt", "1"));
    try (CalmClient calm =
        builder()
            .requestIdHeader("X-Correlation-Id")
            .userAgentSuffix("options-test/1")
            .addStage(perCall, HttpStage.Position.PER_CALL)
            .addStage(perAttempt, HttpStage.Position.PER_ATTEMPT)
            .build()) {
      calm.deployment().nodes();
    }
    RecordedRequest nodes =
        fake.requests().stream().filter(r -> r.path().endsWith("/v2/nodes")).findFirst().orElseThrow();
    assertThat(nodes.headers()).containsKeys("x-correlation-id", "x-per-call", "x-per-attempt");
    assertThat(nodes.headers()).doesNotContainKey("x-request-id");
    assertThat(nodes.headers().get("user-agent")).singleElement().asString().endsWith(" options-test/1");
  }

  @Test
  void listenersTokenCacheAndClientAuthenticationReachTheTokenCall() {
    List<TokenEvent> tokens = new CopyOnWriteArrayList<>();
    CalmListener listener =
        new CalmListener() {
          @Override
          public void token(TokenEvent event) {
            tokens.add(event);
          }
        };
    TokenCache shared = TokenCache.create();
    try (CalmClient first = builder().tokenCache(shared).addListener(listener).build();
        CalmClient second =
            builder().tokenCache(shared).clientAuthentication(ClientAuthentication.FORM).build()) {
      first.deployment().nodes();
      second.deployment().nodes();
    }
    assertThat(fake.tokenRequests()).as("one token for two clients sharing a cache").isEqualTo(1);
    assertThat(tokens).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(TokenEvent.Kind.FETCHED));
  }

  @Test
  void maxResponseBytesCutsAnApiAnswerThatIsTooLong() {
    for (int i = 0; i < 80; i++) {
      fake.addNode("NODE_WITH_A_LONG_NAME_" + i);
    }
    try (CalmClient calm = builder().maxResponseBytes(1024).build()) {
      assertThatThrownBy(() -> calm.deployment().nodes()).isInstanceOf(CalmException.class);
    }
    try (CalmClient calm = builder().build()) {
      assertThat(calm.deployment().nodes()).hasSizeGreaterThan(80);
    }
  }

  @Test
  void loggedHeadersAreCheckedWhereTheyAreSet() {
    assertThatThrownBy(() -> CalmClient.builder().loggedHeaders(null))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("loggedHeaders");
    assertThat(CalmClient.builder().loggedHeaders(Set.of("x-request-id"))).isNotNull();
  }

  @Test
  void anX509KeysTokenCallTrustsWhatTheClientBuilderIsGiven() throws Exception {
    String token = Keys.jwt(List.of("scope-a"), 0);
    try (MtlsTokenEndpoint endpoint = MtlsTokenEndpoint.start(Keys.tokenResponse(token, 3600, null))) {
      ServiceKey key = ServiceKey.fromJson(Keys.x509Key(endpoint.certUrl(), endpoint.client(), false).toString());
      HttpClient behindProxy =
          HttpClient.newBuilder().sslContext(endpoint.caSslContext()).followRedirects(HttpClient.Redirect.NEVER).build();

      assertThatThrownBy(() -> CalmClient.builder().serviceKey(key).httpClient(behindProxy).build())
          .isInstanceOf(CalmValidationException.class)
          .hasMessageContaining("trustStore")
          .hasMessageContaining("CalmClient.Builder.trustStore(KeyStore)");

      try (CalmClient calm =
          CalmClient.builder().serviceKey(key).httpClient(behindProxy).trustStore(endpoint.caTrustStore()).build()) {
        assertThat(calm.credentials().token().value()).isEqualTo(token);
      }
      try (CalmClient calm =
          CalmClient.builder()
              .serviceKey(key)
              .httpClient(behindProxy)
              .trustManager(endpoint.caTrustManager())
              .tokenCallTimeout(Duration.ofSeconds(5))
              .defaultTokenLifetime(Duration.ofMinutes(1))
              .build()) {
        assertThat(calm.credentials().token().value()).isEqualTo(token);
      }
      assertThat(endpoint.clientsSeen()).hasSize(2).allMatch(name -> name.equals("CN=calm-client"));
    }
  }

  @Test
  void tokenSettingsAreCheckedNamingTheSetting() {
    assertThatThrownBy(() -> CalmClient.builder().tokenCallTimeout(Duration.ZERO))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("tokenCallTimeout");
    assertThatThrownBy(() -> CalmClient.builder().defaultTokenLifetime(Duration.ofSeconds(-1)))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("defaultTokenLifetime");
    assertThatThrownBy(() -> CalmClient.builder().trustStore(null))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("trustStore");
  }
}
