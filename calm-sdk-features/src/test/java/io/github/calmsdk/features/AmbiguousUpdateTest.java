package io.github.calmsdk.features;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.calmsdk.features.Wire.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.event.AmbiguousOutcome;
import io.github.calmsdk.core.event.AmbiguousOutcome.Resolution;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A PATCH whose outcome is unknown is settled by reading the feature, never by resending blindly. */
class AmbiguousUpdateTest {
  private static final String URL = ROOT + "/Features/f-1";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();
  private final List<AmbiguousOutcome> reported = new CopyOnWriteArrayList<>();

  private FeaturesClient client() {
    CalmListener listener =
        new CalmListener() {
          @Override
          public void ambiguousOutcome(AmbiguousOutcome e) {
            reported.add(e);
          }
        };
    ClientContext context =
        ClientContext.builder().sleeper(clock.sleeper()).clock(clock).addListener(listener).build();
    return FeaturesClient.create(
        context, URI.create(wm.baseUrl() + "/api"), FeaturesOptions.builder().validateStatusCodes(false).build());
  }

  private static String feature(String title, String releaseId) {
    return "{\"uuid\":\"f-1\",\"title\":\"" + title + "\",\"releaseId\":" + (releaseId == null ? "null" : "\"" + releaseId + "\"") + "}";
  }

  private void patchAnswers(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
    wm.stubFor(
        patch(urlEqualTo(URL)).inScenario("p").whenScenarioStateIs(Scenario.STARTED).willReturn(first).willSetStateTo("again"));
    wm.stubFor(patch(urlEqualTo(URL)).inScenario("p").whenScenarioStateIs("again").willReturn(then));
  }

  @Test
  void a503WhoseChangeShowsIsAppliedAndCostsExactlyOneRead() {
    patchAnswers(aResponse().withStatus(503), aResponse().withStatus(204));
    wm.stubFor(get(urlEqualTo(URL)).willReturn(okJson(feature("New", null))));

    Feature f = client().update("f-1", FeatureUpdate.builder().title("New").clearReleaseId().build());

    assertThat(f.title()).isEqualTo("New");
    wm.verify(1, patchRequestedFor(urlEqualTo(URL)));
    wm.verify(1, getRequestedFor(urlPathEqualTo(URL)));
    assertThat(reported).hasSize(1);
    assertThat(reported.get(0).operation()).isEqualTo("features.update");
    assertThat(reported.get(0).resolution()).isEqualTo(Resolution.APPLIED);
    assertThat(reported.get(0).requestId()).isNotBlank();
    assertThat(reported.get(0).checks()).singleElement().asString().contains("GET /Features/f-1");
  }

  @Test
  void a503WhoseChangeDoesNotShowIsSentOnceMore() {
    patchAnswers(aResponse().withStatus(503), okJson(feature("New", null)));
    wm.stubFor(get(urlEqualTo(URL)).willReturn(okJson(feature("Old", "r-1"))));

    Feature f = client().update("f-1", FeatureUpdate.builder().title("New").clearReleaseId().build());

    assertThat(f.title()).isEqualTo("New");
    wm.verify(
        2,
        patchRequestedFor(urlEqualTo(URL)).withRequestBody(equalTo("{\"title\":\"New\",\"releaseId\":null}")));
    wm.verify(1, getRequestedFor(urlPathEqualTo(URL)));
    assertThat(reported).extracting(AmbiguousOutcome::resolution).containsExactly(Resolution.NOT_APPLIED_RESENT);
  }

  @Test
  void aPartlyShownChangeIsNotAppliedBecauseAPatchChangesAllItsFieldsOrNone() {
    patchAnswers(aResponse().withStatus(502), okJson(feature("New", null)));
    wm.stubFor(get(urlEqualTo(URL)).willReturn(okJson(feature("Old", null))));

    client().update("f-1", FeatureUpdate.builder().title("New").clearReleaseId().build());

    wm.verify(2, patchRequestedFor(urlEqualTo(URL)));
    assertThat(reported).extracting(AmbiguousOutcome::resolution).containsExactly(Resolution.NOT_APPLIED_RESENT);
  }

  @Test
  void aResentPatchIsNotSettledAgainWhenItsOutcomeIsUnknownToo() {
    patchAnswers(aResponse().withStatus(503), aResponse().withStatus(503));
    wm.stubFor(get(urlEqualTo(URL)).willReturn(okJson(feature("Old", null))));

    assertThatThrownBy(() -> client().update("f-1", FeatureUpdate.builder().title("New").build()))
        .isInstanceOf(CalmAmbiguousOutcomeException.class);
    wm.verify(2, patchRequestedFor(urlEqualTo(URL)));
    wm.verify(1, getRequestedFor(urlPathEqualTo(URL)));
  }

  @Test
  void aFeatureThatCannotBeReadLeavesTheOutcomeUnresolved() {
    patchAnswers(aResponse().withStatus(504), aResponse().withStatus(204));
    wm.stubFor(get(urlEqualTo(URL)).willReturn(notFound()));

    assertThatThrownBy(() -> client().update("f-1", FeatureUpdate.builder().title("New").build()))
        .isInstanceOf(CalmAmbiguousOutcomeException.class);
    wm.verify(1, patchRequestedFor(urlEqualTo(URL)));
    assertThat(reported).extracting(AmbiguousOutcome::resolution).containsExactly(Resolution.UNRESOLVED);
  }

  @Test
  void aCreateAnswered503IsNotResentAndStaysAmbiguous() {
    wm.stubFor(post(urlEqualTo(ROOT + "/Features")).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> client().create(NewFeature.of("T", "p-1")))
        .isInstanceOf(CalmAmbiguousOutcomeException.class);
    wm.verify(1, postRequestedFor(urlEqualTo(ROOT + "/Features")));
    wm.verify(0, getRequestedFor(urlPathEqualTo(ROOT + "/Features")));
  }
}
