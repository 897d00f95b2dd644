package io.github.calmsdk.features;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.calmsdk.features.Wire.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.event.CallInfo;
import io.github.calmsdk.core.event.CallStarted;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every call is named by an operation and a URL template relative to the service root, for listeners and metrics. */
class OperationNamesTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();
  private final List<CallInfo> calls = new CopyOnWriteArrayList<>();

  private FeaturesClient client() {
    CalmListener listener =
        new CalmListener() {
          @Override
          public void callStarted(CallStarted e) {
            calls.add(e.call());
          }
        };
    ClientContext context =
        ClientContext.builder().sleeper(clock.sleeper()).clock(clock).addListener(listener).build();
    return FeaturesClient.create(
        context, URI.create(wm.baseUrl() + "/api"), FeaturesOptions.builder().validateStatusCodes(false).build());
  }

  @Test
  void eachCallCarriesItsOperationAndUrlTemplate() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
    wm.stubFor(get(urlPathEqualTo(ROOT + "/Features/f-1")).willReturn(okJson(Wire.feature("f-1", "F"))));
    wm.stubFor(get(urlPathEqualTo(ROOT + "/Features")).willReturn(okJson(Wire.collection())));
    wm.stubFor(get(urlPathEqualTo(ROOT + "/FeatureStatus")).willReturn(okJson(Wire.statuses("A"))));
    wm.stubFor(get(urlPathEqualTo(ROOT + "/TransportReferences")).willReturn(okJson(Wire.collection())));
    wm.stubFor(post(urlPathEqualTo(ROOT + "/Features")).willReturn(okJson(Wire.feature("f-2", "N")).withStatus(201)));
    FeaturesClient c = client();

    c.get("f-1");
    c.list(FeatureQuery.all()).stream().toList();
    c.create(NewFeature.of("N", "p-1"));
    c.update("f-1", FeatureUpdate.builder().title("t").build());
    c.delete("f-1");
    c.refreshStatuses();
    c.parentOfTransport("S4DK900123");
    c.transportReferences(EntityQuery.all()).stream().toList();
    c.deleteExternalReference("X", "f-1");

    assertThat(calls)
        .extracting(CallInfo::operation, CallInfo::urlTemplate)
        .startsWith(
            tuple("features.get", "/Features/{uuid}"),
            tuple("features.list", "/Features"),
            tuple("features.create", "/Features"),
            tuple("features.update", "/Features/{uuid}"))
        .contains(
            tuple("features.delete", "/Features/{uuid}"),
            tuple("features.statuses", "/FeatureStatus"),
            tuple("features.transportParent", "/Transports/{transportId}/parent"),
            tuple("features.transportReferences", "/TransportReferences"),
            tuple("features.externalReferences.delete", "/ExternalReferences/{id}/{parentUuid}"));
    assertThat(calls).extracting(CallInfo::operation).doesNotContainNull();
  }
}
