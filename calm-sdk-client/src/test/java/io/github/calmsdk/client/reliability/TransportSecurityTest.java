package io.github.calmsdk.client.reliability;

import io.github.calmsdk.core.ClientContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.core.error.CalmApiException;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmInvalidRequestException;
import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.retry.RetryPolicy;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.Node;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.testkit.FakeCalm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport rules, through the whole client as a user builds it (service key, token flow, pipeline):
 * plain http only to loopback hosts, redirects that never carry the bearer token to another origin, and response
 * bodies cut off at the configured limit instead of read whole.
 */
@ExtendWith(SecretLedger.class)
class TransportSecurityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT_ID = "sb-security!b9|sapcloudalm!b2";
  private static final String SECRET = "security-s3cret$=+/:\u00e4-91c2";
  private static final String API_ROOT = "/api/imp-cdm-transport-management-api/v1/v2";
  private static final String NODES_JSON =
      "{\"nodes\":[{\"id\":1,\"name\":\"DEV\"},{\"id\":2,\"name\":\"QAS\"}]}";

  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  @RegisterExtension
  static WireMockExtension other =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  /** Records every URI the HttpClient asks a proxy for: that is every connection it is about to open. */
  static final class RecordingProxySelector extends ProxySelector {
    final Queue<URI> asked = new ConcurrentLinkedQueue<>();

    @Override
    public List<Proxy> select(URI uri) {
      asked.add(uri);
      return List.of(Proxy.NO_PROXY);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
  }

  @BeforeEach
  void ledger() {
    SecretLedger.addClientSecret(CLIENT_ID, SECRET);
  }

  /** A key whose API and token endpoint are the {@code api} server, addressed as 127.0.0.1. */
  private static ServiceKey keyOnApiServer() {
    String base = "http://127.0.0.1:" + api.getPort();
    return ServiceKey.ofClientCredentials(URI.create(base + "/api"), URI.create(base + "/uaa"), CLIENT_ID, SECRET);
  }

  private static String stubToken() {
    String token = "redirect-test-token-" + System.nanoTime();
    SecretLedger.add(token);
    api.stubFor(
        post(urlPathEqualTo("/uaa/oauth/token"))
            .willReturn(okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
    return token;
  }

  // ------------------------------------------------------------------ plain http

  @ParameterizedTest
  @ValueSource(strings = {"calm.example.com", "10.0.0.7", "127.0.0.1.nip.io", "localhost.attacker.example",
      "[::ffff:7f00:1]", "0.0.0.0"})
  void aServiceKeyWithPlainHttpToAHostThatIsNotLoopbackIsRefused(String host) {
    ObjectNode key = JSON.createObjectNode();
    key.putObject("endpoints").put("Api", "http://" + host + "/api");
    ObjectNode uaa = key.putObject("uaa");
    uaa.put("url", "https://acme.authentication.eu10.hana.ondemand.com");
    uaa.put("clientid", CLIENT_ID);
    uaa.put("clientsecret", SECRET);
    assertThatThrownBy(() -> ServiceKey.fromJson(key.toString()))
        .isInstanceOfSatisfying(
            CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("endpoints.Api"))
        .hasMessageContaining("https");

    uaa.put("url", "http://" + host + "/uaa");
    key.with("endpoints").put("Api", "https://acme.eu10.alm.cloud.sap/api");
    assertThatThrownBy(() -> ServiceKey.fromJson(key.toString()))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("uaa.url"))
        .hasMessageContaining("https");
  }

  @ParameterizedTest
  @ValueSource(strings = {"calm.example.com", "10.0.0.7", "127.0.0.1.nip.io", "[::ffff:7f00:1]"})
  void anApiBaseWithPlainHttpToAHostThatIsNotLoopbackIsRefusedBeforeAConnectionIsOpened(String host) {
    try (FakeCalm fake = FakeCalm.start()) {
      SecretLedger.addClientSecret(fake.clientId(), fake.clientSecret());
      RecordingProxySelector proxy = new RecordingProxySelector();
      assertThatThrownBy(
              () ->
                  CalmClient.builder()
                      .serviceKey(ServiceKey.fromJson(fake.serviceKeyJson()))
                      .apiBase(URI.create("http://" + host + "/api"))
                      .proxy(proxy)
                      .sleeper(new InstantSleeper())
                      .build())
          .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("apiBase"))
          .hasMessageContaining("use https");
      // refused when the client is built: no connection at all, not even for a token
      assertThat(proxy.asked).isEmpty();
      assertThat(fake.tokenRequests()).isZero();
      assertThat(fake.requestCount("*", "/api/.*")).isZero();
    }
  }

  @Test
  void plainHttpToLoopbackIsAllowedInAnySpelling() {
    String token = stubToken();
    api.stubFor(get(urlPathEqualTo(API_ROOT + "/nodes")).willReturn(okJson(NODES_JSON)));
    for (String base : List.of("http://127.0.0.1:", "http://LOCALHOST:", "http://127.0.0.2:", "http://[::1]:")) {
      try (CalmClient calm =
          CalmClient.builder()
              .serviceKey(keyOnApiServer())
              .apiBase(URI.create(base + api.getPort() + "/api"))
              .build()) {
        // 127.0.0.2 and ::1 are loopback by rule; whether WireMock listens there is the machine's business
        Throwable t = catchThrowable(() -> assertThat(calm.deployment().nodes()).hasSize(2));
        if (base.contains("127.0.0.2") || base.contains("::1")) {
          assertThat(t instanceof CalmValidationException).as("%s refused: %s", base, t).isFalse();
        } else {
          assertThat(t).as(base).isNull();
        }
      }
    }
    assertThat(token).isNotBlank();
  }

  // ------------------------------------------------------------------ redirects

  private static List<LoggedRequest> seenBy(WireMockExtension server) {
    return server.findAll(anyRequestedFor(anyUrl()));
  }

  private static void assertCarriesNoCredential(List<LoggedRequest> requests, String token) {
    for (LoggedRequest r : requests) {
      assertThat(r.containsHeader("Authorization")).as("Authorization sent to %s", r.getUrl()).isFalse();
      assertThat(r.containsHeader("Cookie")).isFalse();
      assertThat(r.getHeaders().all().toString() + r.getUrl() + r.getBodyAsString()).doesNotContain(token);
    }
  }

  @Test
  void aRedirectToAnotherHostIsFollowedWithoutTheBearerToken() {
    String token = stubToken();
    api.stubFor(
        get(urlPathEqualTo(API_ROOT + "/nodes"))
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", "http://localhost:" + other.getPort() + "/moved")));
    other.stubFor(get(urlPathEqualTo("/moved")).willReturn(okJson(NODES_JSON)));

    try (CalmClient calm = CalmClient.builder().serviceKey(keyOnApiServer()).build()) {
      assertThat(calm.deployment().nodes()).extracting(Node::id).containsExactly(NodeId.of(1), NodeId.of(2));
    }

    assertThat(api.findAll(getRequestedFor(urlPathEqualTo(API_ROOT + "/nodes"))))
        .singleElement()
        .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + token));
    assertThat(seenBy(other)).hasSize(1);
    assertCarriesNoCredential(seenBy(other), token);
  }

  @Test
  void aRedirectToTheSameHostOnAnotherPortIsAnotherOriginAndLosesTheTokenToo() {
    String token = stubToken();
    api.stubFor(
        get(urlPathEqualTo(API_ROOT + "/nodes"))
            .willReturn(
                aResponse().withStatus(307).withHeader("Location", "http://127.0.0.1:" + other.getPort() + "/moved")));
    other.stubFor(get(urlPathEqualTo("/moved")).willReturn(okJson(NODES_JSON)));

    try (CalmClient calm = CalmClient.builder().serviceKey(keyOnApiServer()).build()) {
      assertThat(calm.deployment().nodes()).hasSize(2);
    }

    assertThat(seenBy(other)).hasSize(1);
    assertCarriesNoCredential(seenBy(other), token);
  }

  @Test
  void aRedirectWithinTheSameOriginKeepsTheToken() {
    String token = stubToken();
    api.stubFor(
        get(urlPathEqualTo(API_ROOT + "/nodes"))
            .willReturn(aResponse().withStatus(301).withHeader("Location", API_ROOT + "/nodes-moved")));
    api.stubFor(get(urlPathEqualTo(API_ROOT + "/nodes-moved")).willReturn(okJson(NODES_JSON)));

    try (CalmClient calm = CalmClient.builder().serviceKey(keyOnApiServer()).build()) {
      assertThat(calm.deployment().nodes()).hasSize(2);
    }

    assertThat(api.findAll(getRequestedFor(urlPathEqualTo(API_ROOT + "/nodes-moved"))))
        .singleElement()
        .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + token));
  }

  @Test
  void aRedirectOfAStateChangingCallIsNotFollowedAtAll() {
    String token = stubToken();
    api.stubFor(
        post(urlPathEqualTo(API_ROOT + "/nodes/2/transportRequests/import"))
            .willReturn(
                aResponse().withStatus(307).withHeader("Location", "http://localhost:" + other.getPort() + "/import")));

    try (CalmClient calm =
        CalmClient.builder().serviceKey(keyOnApiServer()).retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(
              () -> calm.deployment().importTransports(ImportRequest.of(NodeId.of(2), TransportRequestId.of(7))))
          .isInstanceOfSatisfying(CalmApiException.class, e -> assertThat(e.status()).isEqualTo(307));
    }

    assertThat(seenBy(other)).isEmpty();
    assertThat(token).isNotBlank();
  }

  // ------------------------------------------------------------------ response size

  @Test
  void aResponseBodyLargerThanTheLimitIsCutOffAtTheLimitNotReadWhole() throws Exception {
    long announced = 1L << 30; // a 1 GiB answer: read whole, it would take the heap and far more than 10 s
    AtomicLong written = new AtomicLong();
    CountDownLatch clientHungUp = new CountDownLatch(1);
    ServerSocket endless = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread server =
        new Thread(
            () -> {
              byte[] chunk = "1,".repeat(32 * 1024).getBytes(StandardCharsets.US_ASCII);
              try (Socket s = endless.accept()) {
                InputStream in = s.getInputStream();
                int state = 0; // read the request head up to the blank line
                while (state < 4) {
                  int c = in.read();
                  if (c < 0) {
                    return;
                  }
                  state = (c == '\r' || c == '\n') ? state + 1 : 0;
                }
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + announced
                        + "\r\n\r\n{\"nodes\":[").getBytes(StandardCharsets.US_ASCII));
                while (written.get() < announced - chunk.length) {
                  out.write(chunk);
                  written.addAndGet(chunk.length);
                }
              } catch (IOException e) {
                clientHungUp.countDown();
              }
            },
            "endless-body");
    server.setDaemon(true);
    server.start();
    try (FakeCalm fake = FakeCalm.start()) {
      SecretLedger.addClientSecret(fake.clientId(), fake.clientSecret());
      try (CalmClient calm =
          CalmClient.builder()
              .serviceKey(ServiceKey.fromJson(fake.serviceKeyJson()))
              .apiBase(URI.create("http://127.0.0.1:" + endless.getLocalPort() + "/api"))
              .maxResponseBytes(64 * 1024)
              .retryPolicy(RetryPolicy.none())
              .build()) {
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                assertThatThrownBy(() -> calm.deployment().nodes())
                    .isInstanceOf(CalmDecodingException.class)
                    .hasMessageContaining("exceeds the client's limit of 65536 bytes"));
      }
      assertThat(clientHungUp.await(10, TimeUnit.SECONDS)).as("the client closed the connection").isTrue();
      // what the server got out before the connection broke: the limit plus what socket buffers took, not 1 GiB
      assertThat(written.get()).isLessThan(32L * 1024 * 1024);
    } finally {
      endless.close();
    }
  }

  /**
   * Over HTTP/2 (the JDK client's default, negotiated with WireMock's h2c and with TLS servers through ALPN) the
   * cancel that cuts a body at the limit races the response future, which then may fail as "Stream N cancelled".
   * Before the fix in core's JdkHttpTransport about one answer in four became a lost connection, which a safe call
   * retried (downloading the oversized body again) and a state-changing call treated as a lost answer.
   */
  @Test
  void anOversizedAnswerOverHttp2IsTheTypedErrorNeverALostConnection() {
    api.stubFor(
        get(urlPathEqualTo(API_ROOT + "/nodes"))
            .willReturn(
                aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":{\"code\":\"TooLong\",\"message\":\"" + "m".repeat(1_000_000) + "\"}}")));
    DeploymentClient deployment =
        DeploymentClient.create(
            ClientContext.builder().retryPolicy(RetryPolicy.none()).maxResponseBytes(64 * 1024).build(),
            URI.create(api.baseUrl() + "/api"),
            DeploymentOptions.defaults());
    for (int i = 0; i < 20; i++) {
      assertThatThrownBy(deployment::nodes)
          .as("attempt %d", i)
          .isInstanceOfSatisfying(CalmInvalidRequestException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }
}
