package io.github.calmsdk.features;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.calmsdk.features.Wire.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.testing.FakeClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TaskAssignmentsAndExpandTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();

  private FeaturesClient client() {
    return Wire.client(wm, clock);
  }

  @Test
  void taskAssignmentsAreReadWithUnpublishedFieldsKeptUnderTheServersNames() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/TaskAssignments?$top=100"))
            .willReturn(
                okJson(
                    "{\"value\":[{\"uuid\":\"t-1\",\"parentUuid\":\"f-1\",\"taskId\":\"T-7\",\"taskType\":\"CALMUS\","
                        + "\"title\":\"Story\"},{\"someOtherKey\":1}]}")));

    List<TaskAssignment> all = client().taskAssignments(EntityQuery.all()).stream().toList();

    assertThat(all).hasSize(2);
    assertThat(all.get(0).uuid()).isEqualTo("t-1");
    assertThat(all.get(0).parentUuid()).isEqualTo("f-1");
    assertThat(all.get(0).other()).containsEntry("taskId", "T-7").containsEntry("taskType", "CALMUS");
    assertThat(all.get(0).other("title")).contains("Story");
    assertThat(all.get(1).uuid()).isNull();
    assertThat(all.get(1).other()).containsEntry("someOtherKey", 1);
  }

  @Test
  void taskAssignmentsOfAFeatureFilterOnParentUuid() {
    String url = ROOT + "/TaskAssignments?$filter=parentUuid%20eq%20%27f-1%27&$top=100";
    wm.stubFor(get(urlEqualTo(url)).willReturn(okJson("{\"value\":[{\"uuid\":\"t-1\",\"parentUuid\":\"f-1\"}]}")));

    assertThat(client().taskAssignmentsOf("f-1").stream().map(TaskAssignment::uuid).toList()).containsExactly("t-1");
    wm.verify(1, getRequestedFor(urlEqualTo(url)));
  }

  @Test
  void getWithExpandAsksForTheNavigationPropertiesAndKeepsThemInOther() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/Features/f-1?$expand=toStatus%2CtoTransports"))
            .willReturn(okJson("{\"uuid\":\"f-1\",\"toStatus\":{\"code\":\"A\"},\"toTransports\":[]}")));

    Feature f = client().get("f-1", List.of("toStatus", "toTransports")).orElseThrow();

    assertThat(f.other("toStatus")).contains(Map.of("code", "A"));
    assertThat(f.other("toTransports")).contains(List.of());
  }

  @Test
  void getWithoutExpandSendsNoQuery() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Features/f-1")).willReturn(okJson("{\"uuid\":\"f-1\"}")));

    assertThat(client().get("f-1", List.of())).isPresent();
  }

  @Test
  void listWithExpandSendsExpandAfterSelect() {
    String url = ROOT + "/Features?$select=uuid%2CtoTaskAssignments&$expand=toTaskAssignments&$top=100";
    wm.stubFor(get(urlEqualTo(url)).willReturn(okJson(Wire.collection("{\"uuid\":\"f-1\",\"toTaskAssignments\":[]}"))));

    List<Feature> all =
        client()
            .list(FeatureQuery.builder().select("uuid", "toTaskAssignments").expand("toTaskAssignments").build())
            .stream()
            .toList();

    assertThat(all).singleElement().satisfies(f -> assertThat(f.other("toTaskAssignments")).contains(List.of()));
  }

  @Test
  void anExpandNameThatIsNotAPlainPropertyIsRefusedBeforeSending() {
    assertThatThrownBy(() -> FeatureQuery.builder().expand("toStatus($select=name)").build())
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("expand");
    assertThatThrownBy(() -> client().get("f-1", List.of("toProject/toRelease")))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("is a path");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
