package io.github.calmsdk.features;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.calmsdk.features.Wire.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmInvalidRequestException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.testing.FakeClock;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ErrorMappingTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();

  private FeaturesClient client() {
    return Wire.client(wm, clock, FeaturesOptions.builder().validateStatusCodes(false).build());
  }

  private static ResponseDefinitionBuilder jsonError(int status, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(Wire.odataError(code, message));
  }

  /** First answer {@code first}, every later one {@code then}. */
  private void stubSequence(Supplier<MappingBuilder> request, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
    wm.stubFor(
        request.get().inScenario("seq").whenScenarioStateIs(Scenario.STARTED).willReturn(first).willSetStateTo("later"));
    wm.stubFor(request.get().inScenario("seq").whenScenarioStateIs("later").willReturn(then));
  }

  @Test
  void anODataError400BecomesInvalidRequestWithTheServersCodeAndMessage() {
    wm.stubFor(
        patch(urlEqualTo(ROOT + "/Features/f-1"))
            .willReturn(jsonError(400, "INVALID_STATUS_SWITCH", "Status switch from A to C is not allowed")));

    CalmInvalidRequestException e =
        catchThrowableOfType(CalmInvalidRequestException.class, () -> client().setStatus("f-1", "C"));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.errorCode()).isEqualTo("INVALID_STATUS_SWITCH");
    assertThat(e.serverMessage()).isEqualTo("Status switch from A to C is not allowed");
    wm.verify(1, patchRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
  }

  @Test
  void a400ForProjectIdInsideFilterBecomesInvalidRequest() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/Features?$filter=projectId%20eq%20%27p%27&$top=100"))
            .willReturn(jsonError(400, "BAD_FILTER", "projectId must be a query parameter")));
    FeaturesClient client =
        Wire.client(wm, clock, FeaturesOptions.builder().projectIdMode(ProjectIdMode.FILTER).build());

    assertThatThrownBy(() -> client.list(FeatureQuery.forProject("p")).stream().toList())
        .isInstanceOf(CalmInvalidRequestException.class)
        .hasMessageContaining("projectId must be a query parameter");
  }

  @Test
  void a401BecomesAuthException() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Features/f-1")).willReturn(aResponse().withStatus(401)));

    CalmAuthException e = catchThrowableOfType(CalmAuthException.class, () -> client().get("f-1"));

    assertThat(e.status()).isEqualTo(401);
  }

  @Test
  void a403BecomesAuthExceptionWithTheServersMessage() {
    wm.stubFor(
        post(urlEqualTo(ROOT + "/Features"))
            .willReturn(jsonError(403, "FORBIDDEN", "scope calm-api.features.write missing")));

    CalmAuthException e =
        catchThrowableOfType(CalmAuthException.class, () -> client().create(NewFeature.of("T", "p-1")));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.serverMessage()).contains("calm-api.features.write");
  }

  @Test
  void a404OnUpdateBecomesNotFound() {
    wm.stubFor(patch(urlEqualTo(ROOT + "/Features/gone")).willReturn(notFound()));

    assertThatThrownBy(() -> client().update("gone", FeatureUpdate.builder().title("t").build()))
        .isInstanceOf(CalmNotFoundException.class);
  }

  @Test
  void a503OnAReadIsRetriedAfterTheServersRetryAfter() {
    stubSequence(
        () -> get(urlEqualTo(ROOT + "/Features/f-1")),
        aResponse().withStatus(503).withHeader("Retry-After", "7"),
        okJson(Wire.feature("f-1", "F")));

    assertThat(client().get("f-1")).isPresent();
    wm.verify(2, getRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void a503OnAPageIsRetriedWithoutRestartingTheListing() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Features?$top=2")).willReturn(okJson(Wire.page(0, 2))));
    stubSequence(
        () -> get(urlEqualTo(ROOT + "/Features?$top=2&$skip=2")),
        aResponse().withStatus(503).withHeader("Retry-After", "1"),
        okJson(Wire.page(2, 1)));

    assertThat(client().list(FeatureQuery.builder().pageSize(2).build()).stream().toList()).hasSize(3);
    wm.verify(1, getRequestedFor(urlEqualTo(ROOT + "/Features?$top=2")));
    wm.verify(2, getRequestedFor(urlEqualTo(ROOT + "/Features?$top=2&$skip=2")));
  }

  @Test
  void aPatchAnswered503IsNotSentBlindlyAgainButSettledByReadingTheFeature() {
    stubSequence(
        () -> patch(urlEqualTo(ROOT + "/Features/f-1")),
        aResponse().withStatus(503).withHeader("Retry-After", "2"),
        aResponse().withStatus(204));
    wm.stubFor(
        get(urlEqualTo(ROOT + "/Features/f-1"))
            .willReturn(okJson(Wire.feature("f-1", "F").replace("IN_SPEC", "B"))));

    Feature f = client().setStatus("f-1", "B");

    assertThat(f.statusCode()).isEqualTo("B");
    wm.verify(1, patchRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
    wm.verify(1, getRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void aPatchAnswered503WhoseFeatureCannotBeReadStaysAmbiguous() {
    wm.stubFor(
        patch(urlEqualTo(ROOT + "/Features/f-1")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2")));
    wm.stubFor(get(urlEqualTo(ROOT + "/Features/f-1")).willReturn(aResponse().withStatus(403)));

    assertThatThrownBy(() -> client().setStatus("f-1", "B"))
        .isInstanceOf(CalmAmbiguousOutcomeException.class)
        .hasMessageContaining("HTTP 503");

    wm.verify(1, patchRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void aPatchAnswered429IsSentAgain() {
    stubSequence(
        () -> patch(urlEqualTo(ROOT + "/Features/f-1")),
        aResponse().withStatus(429).withHeader("Retry-After", "3"),
        aResponse().withStatus(204));
    wm.stubFor(get(urlEqualTo(ROOT + "/Features/f-1")).willReturn(okJson(Wire.feature("f-1", "t"))));

    client().update("f-1", FeatureUpdate.builder().title("t").build());

    wm.verify(2, patchRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
  }

  @Test
  void aPatchAnswered502IsNotSentAgainAndItsOutcomeIsReportedUnknown() {
    wm.stubFor(
        patch(urlEqualTo(ROOT + "/Features/f-1")).willReturn(aResponse().withStatus(502).withHeader("Retry-After", "1")));

    assertThatThrownBy(() -> client().update("f-1", FeatureUpdate.builder().title("t").build()))
        .isInstanceOf(CalmAmbiguousOutcomeException.class);
    wm.verify(1, patchRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void aCreateAnswered500IsNotSentAgainAndItsOutcomeIsReportedUnknown() {
    wm.stubFor(post(urlEqualTo(ROOT + "/Features")).willReturn(aResponse().withStatus(500)));

    assertThatThrownBy(() -> client().create(NewFeature.of("T", "p-1")))
        .isInstanceOf(CalmAmbiguousOutcomeException.class);
    wm.verify(1, postRequestedFor(urlEqualTo(ROOT + "/Features")));
  }

  @Test
  void aPlainTextErrorBodyIsReadDefensively() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/Features/f-1"))
            .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/plain").withBody("bad key")));

    CalmInvalidRequestException e =
        catchThrowableOfType(CalmInvalidRequestException.class, () -> client().get("f-1"));

    assertThat(e.serverMessage()).isEqualTo("bad key");
  }
}
