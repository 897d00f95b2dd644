package io.github.calmsdk.client.reliability;

import io.github.calmsdk.auth.testing.TestKeys;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.auth.AccessToken;
import io.github.calmsdk.auth.ClientAuthentication;
import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.retry.RetryPolicy;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.RetryRequest;
import io.github.calmsdk.deployment.TransportQuery;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.testkit.FakeCalm;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No client secret, access token, private key or Authorization value in any log line (the SDK logs at TRACE for the
 * whole run, see {@link SecretLedger}), in any exception's message, details, causes and suppressed exceptions, or in
 * the toString of the values a caller handles. Each test drives real flows, including failures, and checks
 * everything they produced.
 */
@ExtendWith(SecretLedger.class)
class SecretsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT_ID = "sb-secrets!b7|sapcloudalm!b2";
  private static final String NODES = ".+/v2/nodes";
  private static final String API_ROOT = "/api/imp-cdm-transport-management-api/v1/v2";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  @TempDir Path dir;

  /** What a test produced that may hold a secret: exceptions and the printed values. */
  private final List<Throwable> failures = new ArrayList<>();
  private final List<String> printed = new ArrayList<>();

  private static String randomSecret(String prefix) {
    byte[] b = new byte[12];
    new SecureRandom().nextBytes(b);
    return prefix + "$=+/:\u00fc-" + HexFormat.of().formatHex(b);
  }

  private void expectFailure(Class<? extends Throwable> type, ThrowingRunnable call) {
    Throwable t = catchThrowable(call::run);
    assertThat(t).isInstanceOf(type);
    failures.add(t);
  }

  private void print(Object... values) {
    for (Object v : values) {
      printed.add(String.valueOf(v));
    }
  }

  private void assertNothingLeaked() {
    List<String> secrets = SecretLedger.all();
    assertThat(secrets).isNotEmpty();
    for (Throwable t : failures) {
      Leaks.assertClean("the exception " + t.getClass().getSimpleName(), Leaks.everything(t), secrets);
    }
    for (String p : printed) {
      Leaks.assertClean("a toString", p, secrets);
    }
    Leaks.assertClean("the SDK's log lines", SecretLedger.sdkLogText(), secrets);
  }

  interface ThrowingRunnable {
    void run() throws Throwable;
  }

  @Test
  void aFullFlowWithRefreshesOutagesAndRejectionsLeaksNoSecretTokenOrAuthorizationValue() throws Exception {
    String secret = randomSecret("flow");
    try (FakeCalm fake = FakeCalm.builder().clientSecret(secret).start()) {
      SecretLedger.addClientSecret(fake.clientId(), secret);
      InstantSleeper sleeper = new InstantSleeper();
      CalmClient calm =
          CalmClient.builder()
              .serviceKey(ServiceKey.fromJson(fake.serviceKeyJson()))
              .sleeper(sleeper)
              .attemptTimeout(Duration.ofSeconds(5))
              .build();
      DeploymentClient deployment = calm.deployment();

      // export, import, retry: the happy path
      Path file = dir.resolve("app.mtar");
      Files.write(file, "content".getBytes(StandardCharsets.UTF_8));
      ExportRequest export =
          ExportRequest.builder().node("DEV").file(file).contentType(ContentType.MTA).description("Release 1")
              .namedUser("jane").build();
      ExportResult exported = deployment.export(export);
      TransportRequestId tr = exported.transportRequestId();
      fake.importOutcomes(tr.value(), "error", "succeeded");
      ImportAction action = deployment.importTransports(ImportRequest.of(NodeName.of("QAS"), tr));
      ImportOutcome first = action.await(Duration.ofMinutes(1));
      ImportAction retried = deployment.retry(RetryRequest.of(NodeName.of("QAS"), tr));
      ImportOutcome second = retried.await(Duration.ofMinutes(1));
      assertThat(second.isSuccessful()).isTrue();
      AccessToken token = calm.credentials().token();
      print(calm, calm.serviceKey(), calm.credentials(), token, calm.credentials().bearerStage(), deployment,
          calm.features(), export, exported, action, first, retried, second, retried.logs(),
          deployment.transportRequests(TransportQuery.allStatuses(NodeName.of("QAS"))),
          deployment.transportRequestLogs(NodeName.of("QAS"), tr));

      // requests and responses of the pipeline, one carrying an Authorization header set by hand
      URI nodes = URI.create(fake.transportManagementUri() + "/v2/nodes");
      CalmResponse response = calm.pipeline().send(CalmRequest.get(nodes).build());
      print(response, CalmRequest.get(nodes).header("Authorization", "Bearer " + token.value()).build(),
          CalmRequest.post(nodes).formBody("client_secret=" + secret).build());

      // a 401 whose body echoes the bearer token: refreshed once, sent once more, rejected again
      String echo =
          "{\"error\":\"invalid_token\",\"error_description\":\"Bearer " + token.value() + " is not valid; got "
              + token.value() + "\"}";
      fake.faults().on("GET", NODES).status(401).body(echo).times(2);
      expectFailure(CalmAuthException.class, deployment::nodes);

      // the token expires and the token endpoint fails, echoing the secret, for longer than the retries last
      String outage =
          "{\"error\":\"temporarily_unavailable\",\"error_description\":\"cannot check client_secret=" + secret
              + " now\"}";
      fake.faults().tokenEndpoint().status(503).body(outage).times(4);
      fake.expireAllTokens();
      expectFailure(CalmAuthException.class, deployment::nodes);
      deployment.nodes(); // and recovers

      // a client with the wrong secret is told so, without either secret
      String wrong = randomSecret("wrong");
      ObjectNode key = (ObjectNode) JSON.readTree(fake.serviceKeyJson());
      ((ObjectNode) key.get("uaa")).put("clientsecret", wrong);
      SecretLedger.addClientSecret(fake.clientId(), wrong);
      try (CalmClient wrongClient =
          CalmClient.builder().serviceKey(ServiceKey.fromJson(key.toString())).sleeper(sleeper).build()) {
        expectFailure(CalmAuthException.class, () -> wrongClient.deployment().nodes());
        print(wrongClient, wrongClient.serviceKey(), wrongClient.credentials());
      }

      // every access token the fake was sent
      fake.requests().stream()
          .map(r -> r.header("authorization"))
          .filter(h -> h != null && h.regionMatches(true, 0, "Bearer ", 0, 7))
          .forEach(h -> SecretLedger.add(h.substring(7).trim()));
      SecretLedger.add(token.value(), calm.credentials().token().value());
      assertThat(fake.tokenRequests()).isGreaterThanOrEqualTo(3);
      calm.close();
    }
    assertThat(failures).hasSize(3);
    // the flow really was logged at TRACE, headers included (the allow-listed ones)
    assertThat(SecretLedger.sdkLogText()).contains("TRACE io.github.calmsdk.http").contains("request headers")
        .contains("DEBUG io.github.calmsdk.auth");
    assertNothingLeaked();
  }

  /** How a token endpoint gives a secret back: in JSON fields, a form echo, an HTML page, a Basic header. */
  private static List<Map.Entry<Integer, String>> echoingAnswers(String secret, String basic) {
    return List.of(
        Map.entry(401, "{\"error\":\"invalid_client\",\"error_description\":\"Bad credentials for secret " + secret
            + "\"}"),
        Map.entry(400, "{\"error\":\"invalid_request\",\"error_description\":\"got client_id=" + CLIENT_ID
            + "&client_secret=" + secret + " and Authorization: Basic " + basic + "\"}"),
        Map.entry(500, "<html><head><title>Error for " + secret + "</title></head><body>client_secret=" + secret
            + "<br>Authorization: Basic " + basic + "</body></html>"),
        Map.entry(200, "{\"acces_token\":\"" + secret + "\",\"client_secret\":\"" + secret + "\"}"),
        Map.entry(200, "{\"access_token\":\"abc.def\",\"token_type\":\"" + secret + "\"}"),
        Map.entry(200, "<html><body>Login " + secret + "</body></html>"));
  }

  @ParameterizedTest
  @EnumSource(ClientAuthentication.class)
  void tokenEndpointAnswersThatEchoTheSecretNeverShowIt(ClientAuthentication authentication) {
    String secret = randomSecret("echo");
    String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + secret).getBytes(StandardCharsets.UTF_8));
    SecretLedger.addClientSecret(CLIENT_ID, secret);
    ServiceKey key =
        ServiceKey.ofClientCredentials(
            URI.create(wm.baseUrl() + "/api"), URI.create(wm.baseUrl() + "/uaa"), CLIENT_ID, secret);
    for (Map.Entry<Integer, String> answer : echoingAnswers(secret, basic)) {
      wm.resetAll();
      wm.stubFor(
          post(urlPathEqualTo("/uaa/oauth/token"))
              .willReturn(
                  aResponse()
                      .withStatus(answer.getKey())
                      .withHeader("Content-Type", answer.getValue().startsWith("<") ? "text/html" : "application/json")
                      .withBody(answer.getValue())));
      try (CalmClient calm =
          CalmClient.builder()
              .serviceKey(key)
              .clientAuthentication(authentication)
              .sleeper(new InstantSleeper())
              .build()) {
        expectFailure(CalmAuthException.class, () -> calm.deployment().nodes());
        print(calm, calm.credentials(), key);
      }
    }
    assertThat(failures).hasSize(6);
    assertNothingLeaked();
  }

  /** A token that is not a JWT: nothing but its exact value can recognise it. */
  private static String opaqueToken() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return "AT" + HexFormat.of().formatHex(b);
  }

  /** A JWT-shaped token, as XSUAA issues them. */
  private static String jwtToken() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    byte[] sig = new byte[32];
    new SecureRandom().nextBytes(sig);
    return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(("{\"jti\":\"" + HexFormat.of().formatHex(sig) + "\",\"cid\":\"" + CLIENT_ID + "\"}")
            .getBytes(StandardCharsets.UTF_8))
        + "." + b64.encodeToString(sig);
  }

  /** API answers that give the caller's access token back: error messages, plain text, unreadable JSON. */
  private static List<Supplier<ResponseDefinitionBuilder>> echoesOf(String token) {
    return List.of(
        () -> aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"code\":\"BadToken\",\"message\":\"token " + token + " not allowed here\"}}"),
        () -> aResponse().withStatus(403).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"insufficient_scope\",\"error_description\":\"" + token + "\"}"),
        () -> aResponse().withStatus(404).withHeader("Content-Type", "text/plain")
            .withBody("no route for token=" + token + " (Authorization: Bearer " + token + ")"),
        () -> aResponse().withStatus(502).withHeader("Content-Type", "text/html")
            .withBody("<html><title>Bad Gateway " + token + "</title></html>"),
        () -> aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"nodes\":[{\"id\":" + token + "}]}"),
        () -> aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"nodes\":[{\"id\":1,\"name\":\"" + token + "\"}]}"));
  }

  /** Runs every echoing answer against a client whose token endpoint issues this token. */
  private void echoTheToken(String token) {
    String secret = randomSecret("api");
    SecretLedger.add(token);
    SecretLedger.addClientSecret(CLIENT_ID, secret);
    wm.stubFor(
        post(urlPathEqualTo("/uaa/oauth/token"))
            .willReturn(okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
    ServiceKey key =
        ServiceKey.ofClientCredentials(
            URI.create(wm.baseUrl() + "/api"), URI.create(wm.baseUrl() + "/uaa"), CLIENT_ID, secret);
    try (CalmClient calm =
        CalmClient.builder().serviceKey(key).retryPolicy(RetryPolicy.none()).sleeper(new InstantSleeper()).build()) {
      for (Supplier<ResponseDefinitionBuilder> answer : echoesOf(token)) {
        wm.stubFor(get(urlPathEqualTo(API_ROOT + "/nodes")).willReturn(answer.get()));
        expectFailure(CalmException.class, () -> calm.deployment().nodes());
      }
      assertThat(calm.credentials().token().value()).isEqualTo(token);
      print(calm, calm.credentials(), calm.credentials().token());
    }
    assertThat(failures).hasSize(6);
    assertNothingLeaked();
  }

  @Test
  void apiAnswersThatEchoAJwtAccessTokenNeverShowIt() {
    echoTheToken(jwtToken());
  }

  /**
   * SDK bug, not fixed here (core): the SDK masks tokens in server text only by their shape (JWT, "Bearer ..."), so
   * an opaque token the server echoes in an error body shows up in the exception's server message and body excerpt,
   * and Jackson's parse error (kept as the cause of a decoding failure) quotes it. The request's own Authorization
   * value is known when the error is built; see the report of issue 6 for the proposed fix in core's ErrorMapper.
   */
  @Test
  void apiAnswersThatEchoAnOpaqueAccessTokenNeverShowIt() {
    echoTheToken(opaqueToken());
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String x509Key(TestKeys keys, String certificate, String privateKey, String certUrl) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("endpoints").put("Api", "https://acme.eu10.alm.cloud.sap/api");
    ObjectNode uaa = root.putObject("uaa");
    uaa.put("clientid", CLIENT_ID);
    uaa.put("certificate", certificate);
    uaa.put("key", privateKey);
    uaa.put("certurl", certUrl);
    uaa.put("url", "https://acme.authentication.eu10.hana.ondemand.com");
    uaa.put("credential-type", "x509");
    return root.toString();
  }

  @Test
  void x509KeysNeverShowTheirPrivateKeyInValuesErrorsOrLogs() throws Exception {
    TestKeys keys = TestKeys.generate("calm-reliability");
    TestKeys other = TestKeys.generate("someone-else");
    SecretLedger.addPem(keys.pkcs8Pem());
    SecretLedger.addPem(other.pkcs8Pem());
    String certUrl = "https://127.0.0.1:" + closedPort();

    ServiceKey key = ServiceKey.fromJson(x509Key(keys, keys.certificatePem(), keys.pkcs8Pem(), certUrl));
    assertThat(key.usesCertificate()).isTrue();
    try (CalmClient calm =
        CalmClient.builder().serviceKey(key).sleeper(new InstantSleeper()).connectTimeout(Duration.ofSeconds(2))
            .build()) {
      // the token host does not answer: the failure names it, and nothing of the key
      expectFailure(CalmAuthException.class, () -> calm.deployment().nodes());
      print(calm, calm.serviceKey(), calm.credentials(), key);
    }
    // keys that do not fit: each error names the field, and quotes nothing of the key
    expectFailure(CalmValidationException.class,
        () -> ServiceKey.fromJson(x509Key(keys, keys.certificatePem(), other.pkcs8Pem(), certUrl)));
    expectFailure(CalmValidationException.class,
        () -> ServiceKey.fromJson(x509Key(keys, keys.pkcs8Pem(), keys.pkcs8Pem(), certUrl)));
    expectFailure(CalmValidationException.class,
        () -> ServiceKey.fromJson(
            x509Key(keys, keys.certificatePem(), keys.pkcs8Pem().replace("PRIVATE KEY", "RSA PRIVATE KEY"), certUrl)));
    expectFailure(CalmValidationException.class,
        () -> ServiceKey.fromJson(x509Key(keys, keys.certificatePem(), keys.pkcs8Pem().substring(0, 300), certUrl)));
    assertThat(failures).hasSize(5);
    assertNothingLeaked();
  }
}
