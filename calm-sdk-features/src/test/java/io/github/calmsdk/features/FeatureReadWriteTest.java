package io.github.calmsdk.features;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.json.JacksonJsonCodec;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FeatureReadWriteTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private static final String FULL_FEATURE =
      "{\"@odata.context\":\"$metadata#Features/$entity\",\"uuid\":\"f-1\",\"displayId\":\"6-123\","
          + "\"title\":\"Payment run\",\"description\":\"<p>x</p>\",\"projectId\":\"p-1\",\"statusCode\":\"IN_TEST\","
          + "\"priorityCode\":30,\"releaseId\":\"r-1\",\"scopeId\":\"s-1\",\"responsibleId\":\"u-1\","
          + "\"workstreamId\":\"w-1\",\"type\":\"FEATURE\",\"tags\":[\"sap\",\"finance\"],"
          + "\"createdAt\":\"2026-01-15T10:30:00Z\",\"modifiedAt\":\"2026-02-01T08:00:00.123+01:00\","
          + "\"futureField\":{\"a\":1}}";

  private final FakeClock clock = new FakeClock();

  private FeaturesClient client() {
    return Wire.client(wm, clock);
  }

  /** The GET that reads a feature back after a PATCH answered 204. */
  private void stubReadBack() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Features/f-1")).willReturn(okJson(FULL_FEATURE)));
  }

  private void stubStatuses() {
    wm.stubFor(get(urlEqualTo(ROOT + "/FeatureStatus")).willReturn(okJson(Wire.statuses("IN_SPEC", "IN_TEST"))));
  }

  @Test
  void getReadsEveryTypedFieldAndKeepsUnknownOnes() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Features/f-1")).willReturn(okJson(FULL_FEATURE)));

    Feature f = client().get("f-1").orElseThrow();

    assertThat(f.uuid()).isEqualTo("f-1");
    assertThat(f.displayId()).isEqualTo("6-123");
    assertThat(f.title()).isEqualTo("Payment run");
    assertThat(f.description()).isEqualTo("<p>x</p>");
    assertThat(f.projectId()).isEqualTo("p-1");
    assertThat(f.statusCode()).isEqualTo("IN_TEST");
    assertThat(f.priorityCode()).isEqualTo("30");
    assertThat(f.releaseId()).isEqualTo("r-1");
    assertThat(f.scopeId()).isEqualTo("s-1");
    assertThat(f.responsibleId()).isEqualTo("u-1");
    assertThat(f.workstreamId()).isEqualTo("w-1");
    assertThat(f.type()).isEqualTo("FEATURE");
    assertThat(f.tags()).containsExactly("sap", "finance");
    assertThat(f.createdAt()).isEqualTo(Instant.parse("2026-01-15T10:30:00Z"));
    assertThat(f.modifiedAt()).isEqualTo(Instant.parse("2026-02-01T07:00:00.123Z"));
    assertThat(f.other()).containsKeys("futureField", "@odata.context");
    wm.verify(getRequestedFor(urlEqualTo(ROOT + "/Features/f-1")).withHeader("Accept", equalTo("application/json")));
  }

  @Test
  void aCustomServicePathIsAppendedToTheApiBaseAsItStands() {
    wm.stubFor(get(urlEqualTo("/gw/SAPCALM/calm-features/v1/Features/f-1")).willReturn(okJson(Wire.feature("f-1", "F"))));
    FeaturesClient client =
        FeaturesClient.create(
            Wire.pipeline(clock),
            URI.create(wm.baseUrl() + "/gw/"),
            FeaturesOptions.builder().servicePath("/SAPCALM/calm-features/v1/").build());

    assertThat(client.serviceRoot()).hasToString(wm.baseUrl() + "/gw/SAPCALM/calm-features/v1");
    assertThat(client.get("f-1")).isPresent();
  }

  @Test
  void getReturnsEmptyOn404() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Features/missing")).willReturn(notFound()));

    assertThat(client().get("missing")).isEmpty();
  }

  @Test
  void getPercentEncodesTheUuidAsOnePathSegment() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Features/a%2Fb%20c%3F%27")).willReturn(okJson(Wire.feature("x", "X"))));

    assertThat(client().get("a/b c?'")).isPresent();
  }

  @Test
  void getByDisplayIdFiltersOnDisplayIdAndAsksForOne() {
    String url = ROOT + "/Features?$filter=displayId%20eq%20%276-123%27&$top=1";
    wm.stubFor(get(urlEqualTo(url)).willReturn(okJson(Wire.collection(FULL_FEATURE))));

    Optional<Feature> f = client().getByDisplayId("6-123");

    assertThat(f).map(Feature::uuid).contains("f-1");
    wm.verify(1, getRequestedFor(urlEqualTo(url)));
  }

  @Test
  void getByDisplayIdReturnsEmptyWhenNothingMatches() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/Features?$filter=displayId%20eq%20%276-999%27&$top=1"))
            .willReturn(okJson(Wire.collection())));

    assertThat(client().getByDisplayId("6-999")).isEmpty();
  }

  @Test
  void getByDisplayIdWithinAProjectSendsTheProjectAsTheModeSays() {
    String url = ROOT + "/Features?projectId=p-1&$filter=displayId%20eq%20%276-123%27&$top=1";
    wm.stubFor(get(urlEqualTo(url)).willReturn(okJson(Wire.collection(FULL_FEATURE))));

    assertThat(client().getByDisplayId("p-1", "6-123")).isPresent();
  }

  @Test
  void createPostsOnlyTheSetFieldsInAFixedOrder() {
    wm.stubFor(
        post(urlEqualTo(ROOT + "/Features"))
            .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(FULL_FEATURE)));

    Feature created =
        client()
            .create(
                NewFeature.builder("Payment \"run\"", "p-1")
                    .releaseId("r-1")
                    .priorityCode("20")
                    .description("<p>Ünïcode</p>")
                    .build());

    assertThat(created.uuid()).isEqualTo("f-1");
    wm.verify(
        1,
        postRequestedFor(urlEqualTo(ROOT + "/Features"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("Accept", equalTo("application/json"))
            .withRequestBody(
                equalTo(
                    "{\"title\":\"Payment \\\"run\\\"\",\"projectId\":\"p-1\",\"description\":\"<p>Ünïcode</p>\","
                        + "\"priorityCode\":\"20\",\"releaseId\":\"r-1\"}")));
  }

  @Test
  void createWithAStatusChecksItAgainstTheStatusListFirst() {
    stubStatuses();
    wm.stubFor(post(urlEqualTo(ROOT + "/Features")).willReturn(okJson(FULL_FEATURE).withStatus(201)));

    client().create(NewFeature.builder("T", "p-1").statusCode("IN_SPEC").scopeId("s-1").build());

    wm.verify(1, getRequestedFor(urlEqualTo(ROOT + "/FeatureStatus")));
    wm.verify(
        postRequestedFor(urlEqualTo(ROOT + "/Features"))
            .withRequestBody(equalTo("{\"title\":\"T\",\"projectId\":\"p-1\",\"statusCode\":\"IN_SPEC\",\"scopeId\":\"s-1\"}")));
  }

  @Test
  void createWhoseAnswerHasNoBodyFailsWithoutPostingAgain() {
    wm.stubFor(
        post(urlEqualTo(ROOT + "/Features"))
            .willReturn(aResponse().withStatus(201).withHeader("Location", ROOT + "/Features/f-9")));

    assertThatThrownBy(() -> client().create(NewFeature.of("T", "p-1")))
        .isInstanceOf(CalmDecodingException.class)
        .hasMessageContaining("was created")
        .hasMessageContaining("/Features/f-9");
    wm.verify(1, postRequestedFor(urlEqualTo(ROOT + "/Features")));
  }

  @Test
  void updateSendsOnlyTheChangedFieldsAndReadsTheFeatureBackAfterNoContent() {
    wm.stubFor(patch(urlEqualTo(ROOT + "/Features/f-1")).willReturn(aResponse().withStatus(204)));
    stubReadBack();

    Feature result = client().update("f-1", FeatureUpdate.builder().title("New title").build());

    assertThat(result.uuid()).isEqualTo("f-1");
    wm.verify(1, getRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
    wm.verify(
        1,
        patchRequestedFor(urlEqualTo(ROOT + "/Features/f-1"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("Accept", equalTo("application/json"))
            .withRequestBody(equalTo("{\"title\":\"New title\"}")));
  }

  @Test
  void updateClearsAnAssignmentWithAnExplicitNull() {
    wm.stubFor(patch(urlEqualTo(ROOT + "/Features/f-1")).willReturn(aResponse().withStatus(204)));
    stubReadBack();

    client()
        .update(
            "f-1",
            FeatureUpdate.builder().clearResponsibleId().title("New").clearReleaseId().description("d").build());

    wm.verify(
        patchRequestedFor(urlEqualTo(ROOT + "/Features/f-1"))
            .withRequestBody(
                equalTo("{\"title\":\"New\",\"description\":\"d\",\"releaseId\":null,\"responsibleId\":null}")));
  }

  @Test
  void aPatchClearingAFieldSendsExplicitNullThroughTheContextsOwnCodecAndNothingElse() {
    wm.stubFor(patch(urlEqualTo(ROOT + "/Features/f-1")).willReturn(okJson(FULL_FEATURE)));
    ObjectMapper leavesNullsOut =
        JacksonJsonCodec.defaultMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    ClientContext context =
        ClientContext.builder()
            .sleeper(clock.sleeper())
            .clock(clock)
            .codec(JacksonJsonCodec.of(leavesNullsOut))
            .build();
    FeaturesClient client = FeaturesClient.create(context, URI.create(wm.baseUrl() + "/api"));

    client.update("f-1", FeatureUpdate.builder().clearScopeId().build());

    wm.verify(
        1,
        patchRequestedFor(urlEqualTo(ROOT + "/Features/f-1")).withRequestBody(equalTo("{\"scopeId\":null}")));
  }

  @Test
  void updateReturnsTheFeatureWhenTheServerAnswers200WithIt() {
    wm.stubFor(patch(urlEqualTo(ROOT + "/Features/f-1")).willReturn(okJson(FULL_FEATURE)));

    Feature result = client().update("f-1", FeatureUpdate.builder().scopeId("s-1").build());

    assertThat(result.scopeId()).isEqualTo("s-1");
    wm.verify(0, getRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
  }

  @Test
  void updateTreatsAnUnreadable200AnswerAsAppliedAndReadsTheFeatureBack() {
    wm.stubFor(patch(urlEqualTo(ROOT + "/Features/f-1")).willReturn(aResponse().withStatus(200).withBody("OK")));
    stubReadBack();

    assertThat(client().update("f-1", FeatureUpdate.builder().title("x").build()).title()).isEqualTo("Payment run");
    wm.verify(1, patchRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
    wm.verify(1, getRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
  }

  @Test
  void setStatusChecksTheCodeAndPatchesOnlyStatusCode() {
    stubReadBack();
    stubStatuses();
    wm.stubFor(patch(urlEqualTo(ROOT + "/Features/f-1")).willReturn(aResponse().withStatus(204)));

    client().setStatus("f-1", "IN_TEST");

    wm.verify(
        patchRequestedFor(urlEqualTo(ROOT + "/Features/f-1"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalTo("{\"statusCode\":\"IN_TEST\"}")));
  }

  @Test
  void setStatusWithAnUnknownCodeListsTheValidCodesAndSendsNoPatch() {
    stubStatuses();

    assertThatThrownBy(() -> client().setStatus("f-1", "DONE"))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("statusCode")
        .hasMessageContaining("'DONE'")
        .hasMessageContaining("IN_SPEC (Name of IN_SPEC), IN_TEST (Name of IN_TEST)");
    wm.verify(0, patchRequestedFor(anyUrl()));
  }

  @Test
  void setStatusReusesTheCachedStatusList() {
    stubReadBack();
    stubStatuses();
    wm.stubFor(patch(urlEqualTo(ROOT + "/Features/f-1")).willReturn(aResponse().withStatus(204)));
    FeaturesClient client = client();

    client.setStatus("f-1", "IN_SPEC");
    clock.advance(Duration.ofMinutes(59));
    client.setStatus("f-1", "IN_TEST");

    wm.verify(1, getRequestedFor(urlEqualTo(ROOT + "/FeatureStatus")));
    wm.verify(2, patchRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
  }

  @Test
  void statusCheckCanBeSwitchedOff() {
    stubReadBack();
    wm.stubFor(patch(urlEqualTo(ROOT + "/Features/f-1")).willReturn(aResponse().withStatus(204)));

    Wire.client(wm, clock, FeaturesOptions.builder().validateStatusCodes(false).build()).setStatus("f-1", "ANY");

    wm.verify(0, getRequestedFor(urlEqualTo(ROOT + "/FeatureStatus")));
    wm.verify(1, patchRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
  }

  @Test
  void deleteReturnsTrueWhenTheServerDeletes() {
    wm.stubFor(delete(urlEqualTo(ROOT + "/Features/f-1")).willReturn(aResponse().withStatus(204)));

    assertThat(client().delete("f-1")).isTrue();
    wm.verify(deleteRequestedFor(urlEqualTo(ROOT + "/Features/f-1")).withHeader("Accept", equalTo("application/json")));
  }

  @Test
  void deleteReturnsFalseWhenTheFirstAttemptFindsNothing() {
    wm.stubFor(delete(urlEqualTo(ROOT + "/Features/f-1")).willReturn(notFound()));

    assertThat(client().delete("f-1")).isFalse();
    wm.verify(1, deleteRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
  }

  @Test
  void setStatusAnswered204ReturnsTheFeatureReadBackSoOrElseThrowIsNotNeeded() {
    stubStatuses();
    wm.stubFor(patch(urlEqualTo(ROOT + "/Features/f-1")).willReturn(aResponse().withStatus(204)));
    stubReadBack();

    Feature after = client().setStatus("f-1", "IN_TEST");

    assertThat(after.statusCode()).isEqualTo("IN_TEST");
    wm.verify(1, patchRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
    wm.verify(1, getRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
  }

  @Test
  void setStatusAnswered200WithTheFeatureReturnsItWithoutReadingBack() {
    stubStatuses();
    wm.stubFor(patch(urlEqualTo(ROOT + "/Features/f-1")).willReturn(okJson(FULL_FEATURE)));

    assertThat(client().setStatus("f-1", "IN_TEST").statusCode()).isEqualTo("IN_TEST");
    wm.verify(0, getRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
  }

  @Test
  void aFeatureGoneWhenReadBackAfter204IsNotFound() {
    wm.stubFor(patch(urlEqualTo(ROOT + "/Features/f-1")).willReturn(aResponse().withStatus(204)));
    wm.stubFor(get(urlEqualTo(ROOT + "/Features/f-1")).willReturn(notFound()));

    assertThatThrownBy(() -> client().update("f-1", FeatureUpdate.builder().title("x").build()))
        .isInstanceOf(io.github.calmsdk.core.error.CalmNotFoundException.class)
        .hasMessageContaining("was changed");
  }

  @Test
  void nothingIsSentForAnUpdateWithAnInvalidStatus() {
    stubStatuses();

    assertThatThrownBy(() -> client().update("f-1", FeatureUpdate.builder().statusCode("NOPE").title("t").build()))
        .isInstanceOf(CalmValidationException.class);
    wm.verify(0, anyRequestedFor(urlEqualTo(ROOT + "/Features/f-1")));
  }
}
