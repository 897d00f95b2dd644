package io.github.calmsdk.features;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.calmsdk.features.Wire.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.testing.FakeClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TransportsAndReferencesTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();

  private FeaturesClient client() {
    return Wire.client(wm, clock);
  }

  @Test
  void transportsKeepTheFieldsTheSdkDoesNotTypeInOther() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/Transports?$top=100"))
            .willReturn(
                okJson(
                    "{\"value\":[{\"uuid\":\"t-1\",\"transportRequest\":\"S4DK900123\",\"status\":\"Released\","
                        + "\"featureUuid\":\"f-1\",\"sourceSystem\":\"S4D\",\"client\":100,\"owner\":null}]}")));

    List<Transport> all = client().transports(EntityQuery.all()).stream().toList();

    assertThat(all).hasSize(1);
    Transport t = all.get(0);
    assertThat(t.uuid()).isEqualTo("t-1");
    assertThat(t.transportRequest()).isEqualTo("S4DK900123");
    assertThat(t.status()).isEqualTo("Released");
    assertThat(t.featureUuid()).isEqualTo("f-1");
    assertThat(t.other()).containsEntry("sourceSystem", "S4D").containsEntry("client", 100).containsKey("owner");
    assertThat(t.other("owner")).isEmpty();
  }

  @Test
  void transportsCanBeFilteredByAnyPropertyWithTheValueAsOneLiteral() {
    String url =
        ROOT + "/Transports?$filter=transportRequest%20eq%20%27S4D%27%27K%27&$select=uuid&$orderby=uuid%20desc&$top=5";
    wm.stubFor(get(urlEqualTo(url)).willReturn(okJson("{\"value\":[]}")));

    client()
        .transports(
            EntityQuery.builder()
                .where("transportRequest", "S4D'K")
                .select("uuid")
                .orderByDescending("uuid")
                .pageSize(5)
                .build())
        .stream()
        .toList();

    wm.verify(1, getRequestedFor(urlEqualTo(url)).withHeader("Accept", equalTo("application/json")));
  }

  @Test
  void transportReferencesAreListedWithEverythingInOther() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/TransportReferences?$top=100"))
            .willReturn(okJson("{\"value\":[{\"uuid\":\"tr-1\",\"name\":\"manual\",\"system\":\"ERP\"}]}")));

    TransportReference r = client().transportReferences(EntityQuery.all()).stream().findFirst().orElseThrow();

    assertThat(r.uuid()).isEqualTo("tr-1");
    assertThat(r.other()).isEqualTo(Map.of("name", "manual", "system", "ERP"));
  }

  @Test
  void parentOfTransportReadsTheFeatureTheTransportBelongsTo() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Transports/S4DK900123/parent")).willReturn(okJson(Wire.feature("f-1", "F"))));

    assertThat(client().parentOfTransport("S4DK900123")).map(Feature::uuid).contains("f-1");
    wm.verify(
        getRequestedFor(urlEqualTo(ROOT + "/Transports/S4DK900123/parent"))
            .withHeader("Accept", equalTo("application/json")));
  }

  @Test
  void parentOfTransportIsEmptyOn404() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Transports/S4DK000000/parent")).willReturn(notFound()));

    assertThat(client().parentOfTransport("S4DK000000")).isEmpty();
  }

  @Test
  void parentOfTransportIsEmptyWhenTheTransportIsAssignedToNoFeature() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Transports/S4DK000001/parent")).willReturn(aResponse().withStatus(204)));

    assertThat(client().parentOfTransport("S4DK000001")).isEmpty();
  }

  @Test
  void parentOfTransportEncodesTheIdAsAPathSegment() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Transports/DEST%2FS4DK%20900/parent")).willReturn(okJson(Wire.feature("f", "F"))));

    assertThat(client().parentOfTransport("DEST/S4DK 900")).isPresent();
  }

  @Test
  void externalReferencesOfAFeatureFilterOnParentUuid() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/ExternalReferences?$filter=parentUuid%20eq%20%27f-1%27&$top=100"))
            .willReturn(
                okJson(
                    "{\"value\":[{\"id\":\"JIRA-1\",\"parentUuid\":\"f-1\",\"name\":\"Ticket\","
                        + "\"url\":\"https://jira.example.com/JIRA-1\",\"createdBy\":\"me\"}]}")));

    List<ExternalReference> refs = client().externalReferencesOf("f-1").stream().toList();

    assertThat(refs)
        .containsExactly(
            new ExternalReference(
                "JIRA-1", "f-1", "Ticket", "https://jira.example.com/JIRA-1", Map.of("createdBy", "me")));
  }

  @Test
  void createExternalReferencePostsTheTypedFieldsThenTheExtraOnes() {
    wm.stubFor(
        post(urlEqualTo(ROOT + "/ExternalReferences"))
            .willReturn(okJson("{\"id\":\"JIRA-1\",\"parentUuid\":\"f-1\",\"name\":\"Ticket\"}").withStatus(201)));

    ExternalReference created =
        client()
            .createExternalReference(
                NewExternalReference.builder()
                    .id("JIRA-1")
                    .parentUuid("f-1")
                    .name("Ticket")
                    .url("https://jira.example.com/JIRA-1?a=b&c")
                    .field("sortOrder", 3)
                    .field("internal", false)
                    .build());

    assertThat(created.id()).isEqualTo("JIRA-1");
    wm.verify(
        1,
        postRequestedFor(urlEqualTo(ROOT + "/ExternalReferences"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("Accept", equalTo("application/json"))
            .withRequestBody(
                equalTo(
                    "{\"id\":\"JIRA-1\",\"parentUuid\":\"f-1\",\"name\":\"Ticket\","
                        + "\"url\":\"https://jira.example.com/JIRA-1?a=b&c\",\"sortOrder\":3,\"internal\":false}")));
  }

  @Test
  void deleteExternalReferenceEncodesEachPartOfTheCompositeKey() {
    String url = ROOT + "/ExternalReferences/JIRA%2042%2Fx%27y/f-1";
    wm.stubFor(delete(urlEqualTo(url)).willReturn(aResponse().withStatus(204)));

    assertThat(client().deleteExternalReference("JIRA 42/x'y", "f-1")).isTrue();
    wm.verify(1, deleteRequestedFor(urlEqualTo(url)).withHeader("Accept", equalTo("application/json")));
  }

  @Test
  void deleteExternalReferenceReturnsFalseWhenItDoesNotExist() {
    wm.stubFor(delete(urlEqualTo(ROOT + "/ExternalReferences/X/f-1")).willReturn(notFound()));

    assertThat(client().deleteExternalReference("X", "f-1")).isFalse();
  }

  @Test
  void urlReferencesAreListed() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/URLReferences?$top=100"))
            .willReturn(okJson("{\"value\":[{\"uuid\":\"u-1\",\"parentUuid\":\"f-1\",\"url\":\"https://x\",\"k\":\"v\"}]}")));

    UrlReference r = client().urlReferences(EntityQuery.all()).stream().findFirst().orElseThrow();

    assertThat(r).isEqualTo(new UrlReference("u-1", "f-1", null, "https://x", Map.of("k", "v")));
  }

  @Test
  void createUrlReferencePostsItsFields() {
    wm.stubFor(post(urlEqualTo(ROOT + "/URLReferences")).willReturn(okJson("{\"uuid\":\"u-9\"}").withStatus(201)));

    UrlReference r =
        client()
            .createUrlReference(
                NewUrlReference.builder().parentUuid("f-1").name("Design").url("https://wiki/x y").build());

    assertThat(r.uuid()).isEqualTo("u-9");
    wm.verify(
        postRequestedFor(urlEqualTo(ROOT + "/URLReferences"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalTo("{\"parentUuid\":\"f-1\",\"name\":\"Design\",\"url\":\"https://wiki/x y\"}")));
  }

  @Test
  void deleteUrlReferenceDeletesByUuid() {
    wm.stubFor(delete(urlEqualTo(ROOT + "/URLReferences/u-1")).willReturn(aResponse().withStatus(204)));

    assertThat(client().deleteUrlReference("u-1")).isTrue();
    wm.verify(1, deleteRequestedFor(urlEqualTo(ROOT + "/URLReferences/u-1")));
  }
}
