package io.github.calmsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final FakeCalm fake = FakeCalm.builder().clock(clock).tokenLifetime(Duration.ofMinutes(10)).start();

  @AfterEach
  void close() {
    fake.close();
  }

  private Http.Res token(String basicUser, String basicSecret, String form) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(fake.tokenUri())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofString(form));
    if (basicUser != null) {
      String raw = basicUser + ":" + basicSecret;
      b.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
    }
    return Http.send(b.build());
  }

  private Http.Res callApi(String token) throws Exception {
    return Http.send(HttpRequest.newBuilder(URI.create(fake.transportManagementUri() + "/v2/nodes"))
        .header("Authorization", "Bearer " + token).GET().build());
  }

  @Test
  void serviceKeyPointsAtTheFakeAndCarriesASecretWithSpecialCharacters() throws Exception {
    JsonNode key = Http.JSON.readTree(fake.serviceKeyJson());

    assertThat(key.at("/endpoints/Api").asText()).isEqualTo(fake.baseUri() + "/api");
    assertThat(key.at("/uaa/url").asText()).isEqualTo(fake.baseUri() + "/uaa");
    assertThat(key.at("/uaa/clientid").asText()).isEqualTo("sb-fake!b1|sapcloudalm!b2");
    assertThat(key.at("/uaa/identityzone").asText()).isEqualTo("fake");
    assertThat(key.at("/uaa/credential-type").asText()).isEqualTo("binding-secret");
    String secret = key.at("/uaa/clientsecret").asText();
    assertThat(secret).isEqualTo(fake.clientSecret()).contains("$", "=", "+", "/", ":");
    assertThat(secret.chars().anyMatch(c -> c > 127)).isTrue();
    assertThat(fake.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
  }

  @Test
  void basicAuthWithRawIdAndSecretGetsAJwtLookingBearerToken() throws Exception {
    Http.Res r = token(fake.clientId(), fake.clientSecret(), "grant_type=client_credentials");

    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("token_type").asText()).isEqualTo("bearer");
    assertThat(body.get("expires_in").asLong()).isEqualTo(600);
    assertThat(body.get("scope").asText().split(" ")).contains(
        "sapcloudalm!b2.imp-cdm-feature-display-ui", "sapcloudalm!b2.imp-cdm-feature-manage-ui",
        "calm-api.features.read", "calm-api.features.write");
    assertThat(body.get("jti").asText()).isNotBlank();
    String[] jwt = body.get("access_token").asText().split("\\.");
    assertThat(jwt).hasSize(3);
    JsonNode payload = Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    assertThat(payload.get("client_id").asText()).isEqualTo(fake.clientId());
    assertThat(payload.get("exp").asLong()).isEqualTo(clock.instant().plusSeconds(600).getEpochSecond());
    assertThat(payload.get("scope").isArray()).isTrue();
    assertThat(payload.get("jti").asText()).isEqualTo(body.get("jti").asText());
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void basicAuthWithFormEncodedIdAndSecretIsAcceptedToo() throws Exception {
    Http.Res r = token(URLEncoder.encode(fake.clientId(), StandardCharsets.UTF_8),
        URLEncoder.encode(fake.clientSecret(), StandardCharsets.UTF_8), "grant_type=client_credentials");

    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void clientCredentialsInFormFieldsGetAToken() throws Exception {
    String form = "grant_type=client_credentials&client_id="
        + URLEncoder.encode(fake.clientId(), StandardCharsets.UTF_8)
        + "&client_secret=" + URLEncoder.encode(fake.clientSecret(), StandardCharsets.UTF_8);

    Http.Res r = token(null, null, form);

    assertThat(r.status()).isEqualTo(200);
    assertThat(callApi(r.json().get("access_token").asText()).status()).isEqualTo(200);
  }

  @Test
  void queryGrantTypeComesFirstAsInServletContainersSoPipersQuirkWorks() throws Exception {
    String raw = fake.clientId() + ":" + fake.clientSecret();
    HttpRequest piper = HttpRequest.newBuilder(
            URI.create(fake.tokenUri() + "/?grant_type=client_credentials&response_type=token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Basic "
            + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)))
        .POST(BodyPublishers.ofString("username=x&password=y&grant_type=password")).build();

    assertThat(Http.send(piper).status()).isEqualTo(200);
  }

  @Test
  void wrongSecretIsRejectedWith401InvalidClient() throws Exception {
    Http.Res r = token(fake.clientId(), "not-the-secret", "grant_type=client_credentials");

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("error").asText()).isEqualTo("invalid_client");
    assertThat(r.json().get("error_description").asText()).isEqualTo("Bad credentials");
  }

  @Test
  void missingOrOtherGrantTypeIsRejectedWith400() throws Exception {
    Http.Res missing = token(fake.clientId(), fake.clientSecret(), "");
    Http.Res password = token(fake.clientId(), fake.clientSecret(), "grant_type=password&username=a&password=b");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    assertThat(password.status()).isEqualTo(400);
    assertThat(password.json().get("error").asText()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void tokenRequestsAreCounted() throws Exception {
    token(fake.clientId(), fake.clientSecret(), "grant_type=client_credentials");
    token(fake.clientId(), "wrong", "grant_type=client_credentials");

    assertThat(fake.tokenRequests()).isEqualTo(2);
  }

  @Test
  void apiWithoutOrWithUnknownBearerTokenIs401() throws Exception {
    Http.Res none = Http.send(HttpRequest.newBuilder(URI.create(fake.transportManagementUri() + "/v2/nodes"))
        .GET().build());
    Http.Res unknown = callApi("eyJhbGciOiJub25lIn0.e30.x");

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().get("error").asText()).isEqualTo("unauthorized");
    assertThat(none.json().get("error_description").asText())
        .isEqualTo("Full authentication is required to access this resource");
    assertThat(unknown.status()).isEqualTo(401);
  }

  @Test
  void tokenExpiresWhenTheFakeClockPassesItsLifetime() throws Exception {
    String t = token(fake.clientId(), fake.clientSecret(), "grant_type=client_credentials")
        .json().get("access_token").asText();

    clock.advance(Duration.ofMinutes(9).plusSeconds(59));
    assertThat(callApi(t).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(callApi(t).status()).isEqualTo(401);
  }

  @Test
  void expireAllTokensInvalidatesEveryIssuedToken() throws Exception {
    String a = fake.accessToken();
    String b = token(fake.clientId(), fake.clientSecret(), "grant_type=client_credentials")
        .json().get("access_token").asText();

    fake.expireAllTokens();

    assertThat(callApi(a).status()).isEqualTo(401);
    assertThat(callApi(b).status()).isEqualTo(401);
    assertThat(callApi(fake.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void missingScopeIsAnswered403() throws Exception {
    try (FakeCalm readOnly = FakeCalm.builder().scopes(Set.of("calm-api.features.read")).start()) {
      Http http = new Http(readOnly);

      Http.Res features = http.get(http.features("/Features"));
      Http.Res create = http.post(http.features("/Features"), "{\"title\":\"t\",\"projectId\":\"p\"}");
      Http.Res nodes = http.get(http.tms("/v2/nodes"));

      assertThat(features.status()).isEqualTo(200);
      assertThat(create.status()).isEqualTo(403);
      assertThat(create.json().get("error").asText()).isEqualTo("insufficient_scope");
      assertThat(nodes.status()).isEqualTo(403);
    }
  }
}
