package io.github.calmsdk.core.error;

import io.github.calmsdk.core.ClientContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.retry.RetryPolicy;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final HttpPipeline pipeline = ClientContext.builder().retryPolicy(RetryPolicy.none()).build().pipeline();

  private CalmException failWith(int status, String contentType, String body) {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
    return catchThrowableOfType(
        CalmException.class,
        () -> pipeline.send(CalmRequest.get(URI.create(wm.baseUrl() + "/api/Features?$filter=title%20eq%20'x'&owner=jane")).build()));
  }

  @ParameterizedTest
  @CsvSource({
    "400, io.github.calmsdk.core.error.CalmInvalidRequestException",
    "401, io.github.calmsdk.core.error.CalmAuthException",
    "403, io.github.calmsdk.core.error.CalmAuthException",
    "404, io.github.calmsdk.core.error.CalmNotFoundException",
    "405, io.github.calmsdk.core.error.CalmApiException",
    "408, io.github.calmsdk.core.error.CalmTimeoutException",
    "409, io.github.calmsdk.core.error.CalmInvalidRequestException",
    "422, io.github.calmsdk.core.error.CalmInvalidRequestException",
    "428, io.github.calmsdk.core.error.CalmApiException",
    "429, io.github.calmsdk.core.error.CalmRateLimitException",
    "500, io.github.calmsdk.core.error.CalmUnavailableException",
    "503, io.github.calmsdk.core.error.CalmUnavailableException"
  })
  void mapsEachStatusToItsExceptionType(int status, String type) throws Exception {
    assertThat(failWith(status, "text/plain", "nope")).isInstanceOf(Class.forName(type)).satisfies(e -> assertThat(e.status()).isEqualTo(status));
  }

  @Test
  void readsTheODataErrorShape() {
    CalmException e =
        failWith(400, "application/json",
            "{\"error\":{\"code\":\"INVALID_STATUS\",\"message\":\"Status switch not allowed\",\"details\":[{\"code\":\"X\",\"message\":\"from CIP to DEP\",\"target\":\"statusCode\"}]}}");
    assertThat(e.errorCode()).isEqualTo("INVALID_STATUS");
    assertThat(e.serverMessage()).isEqualTo("Status switch not allowed");
    assertThat(e.details().serverDetails()).containsExactly("statusCode: from CIP to DEP");
    assertThat(e.getMessage()).startsWith("request rejected: HTTP 400 INVALID_STATUS - Status switch not allowed [GET ");
  }

  @Test
  void readsTheTransportManagementErrorShape() {
    CalmException e =
        failWith(404, "application/json",
            "{\"message\":\"Node ID 117 does not exist\",\"errorType\":\"com.sap.lm.sl.alm.ts.core.exception.service.TsNotFoundException\"}");
    assertThat(e.errorCode()).isEqualTo("TsNotFoundException");
    assertThat(e.serverMessage()).isEqualTo("Node ID 117 does not exist");
  }

  @Test
  void readsTheOAuthErrorShape() {
    CalmException e =
        failWith(401, "application/json",
            "{\"error\":\"unauthorized\",\"error_description\":\"Full authentication is required to access this resource\"}");
    assertThat(e.errorCode()).isEqualTo("unauthorized");
    assertThat(e.serverMessage()).isEqualTo("Full authentication is required to access this resource");
  }

  @Test
  void readsPlainText() {
    assertThat(failWith(503, "text/plain", "  upstream   connect error \n").serverMessage()).isEqualTo("upstream connect error");
  }

  @Test
  void readsTheTitleOfAnHtmlErrorPage() {
    CalmException e =
        failWith(502, "text/html",
            "<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>p{}</style></head><body><p>oops</p></body></html>");
    assertThat(e.serverMessage()).isEqualTo("502 Bad Gateway");
  }

  @Test
  void toleratesTruncatedJsonAndEmptyBodies() {
    assertThat(failWith(500, "application/json", "{\"error\":{\"code\":\"X\",\"mess").serverMessage())
        .startsWith("{\"error\"");
    CalmException empty = failWith(500, "application/json", "");
    assertThat(empty.serverMessage()).isNull();
    assertThat(empty.details().bodyExcerpt()).isNull();
  }

  @Test
  void redactsQueryValuesInTheMessage() {
    CalmException e = failWith(404, "text/plain", "x");
    assertThat(e.details().url()).endsWith("/api/Features?$filter=***&owner=***");
    assertThat(e.getMessage()).doesNotContain("jane").doesNotContain("title");
  }

  @Test
  void capsTheBodyExcerptAndMasksTokens() {
    String body = "{\"access_token\":\"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl\",\"x\":\"" + "a".repeat(5000) + "\"}";
    CalmException e = failWith(500, "application/json", body);
    assertThat(e.details().bodyExcerpt()).hasSizeLessThan(1100).contains("\"access_token\":\"***\"").doesNotContain("eyJ");
  }

  @Test
  void carriesTheRequestIdAndTheAttempts() {
    CalmException e = failWith(404, "text/plain", "x");
    assertThat(e.requestId()).isNotBlank();
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.getMessage()).contains("request-id " + e.requestId()).contains("1 attempt]");
  }

  @Test
  void prefersTheRequestIdTheServerEchoes() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404).withHeader("X-Vcap-Request-Id", "srv-42")));
    CalmException e = catchThrowableOfType(CalmException.class, () -> pipeline.send(CalmRequest.get(URI.create(wm.baseUrl() + "/x")).build()));
    assertThat(e.requestId()).isEqualTo("srv-42");
  }

  @Test
  void masksTheSecretInsideBasicCredentialsWhenTheServerEchoesItDecoded() {
    String secret = "s3cret$=+/:\u00e4";
    String basic = java.util.Base64.getEncoder().encodeToString(("client!b1:" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/plain")
        .withBody("bad client secret " + secret + " for client!b1")));
    HttpPipeline withBasic = ClientContext.builder().retryPolicy(RetryPolicy.none())
        .authorization((r, c, n) -> n.proceed(r.toBuilder().setHeader("Authorization", "Basic " + basic).build())).build().pipeline();
    CalmException e = catchThrowableOfType(CalmException.class,
        () -> withBasic.send(CalmRequest.post(URI.create(wm.baseUrl() + "/oauth/token")).formBody("grant_type=client_credentials").build()));
    assertThat(e.getMessage() + e.details()).doesNotContain(secret).contains("bad client secret ***");
  }
}
