package io.github.calmsdk.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.testing.FakeClock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Open value sets (statuses, content and storage types, log severity codes): a value this SDK does not know is kept
 * verbatim, case included, while the known ones still match whatever their case.
 */
class OpenValuesTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  @Test
  void anUnknownStatusKeepsTheServersTextCaseIncluded() {
    TransportStatus s = TransportStatus.of("brandNewStatus");

    assertThat(s.value()).isEqualTo("brandNewStatus");
    assertThat(s.toString()).isEqualTo("brandNewStatus");
    assertThat(s.kind()).isEqualTo(TransportStatus.Kind.OTHER);
    assertThat(s.isKnown()).isFalse();
    assertThat(s.queryCode()).isEmpty();
    assertThat(TransportStatus.of("  brandNewStatus ").value()).as("only blanks are trimmed").isEqualTo("brandNewStatus");
  }

  @Test
  void knownStatusesMatchIgnoringCaseAndKeepTheServersText() {
    TransportStatus s = TransportStatus.of("Succeeded");

    assertThat(s.value()).isEqualTo("Succeeded");
    assertThat(s.kind()).isEqualTo(TransportStatus.Kind.SUCCEEDED);
    assertThat(s).isEqualTo(TransportStatus.SUCCEEDED).hasSameHashCodeAs(TransportStatus.SUCCEEDED);
    assertThat(TransportStatus.of("ERROR").queryCode()).contains("er");
    assertThat(TransportStatus.of("Repeatable")).isEqualTo(TransportStatus.REPEATABLE);
    assertThat(Set.of(TransportStatus.INITIAL, TransportStatus.FATAL)).contains(TransportStatus.of("Fatal"));
    assertThat(TransportStatus.of("Fatal")).isNotEqualTo(TransportStatus.ERROR);
    assertThat(TransportStatus.of("brandNewStatus")).isEqualTo(TransportStatus.of("BRANDNEWSTATUS"))
        .hasSameHashCodeAs(TransportStatus.of("BRANDNEWSTATUS"))
        .isNotEqualTo(TransportStatus.of("otherStatus"));
  }

  @Test
  void contentStorageAndSeverityCodesAreKeptAsTheyCame() {
    assertThat(ContentType.of("myNewType").value()).isEqualTo("myNewType");
    assertThat(StorageType.of("Reference").value()).isEqualTo("Reference");
    assertThat(LogSeverity.fromCode("e")).isEqualTo(LogSeverity.ERROR);
    assertThat(LogSeverity.fromCode("Debug")).isEqualTo(LogSeverity.OTHER);
  }

  @Test
  void theWiresUnknownValuesReachTheCallerVerbatim() {
    wm.stubFor(get(urlPathEqualTo(Wm.path("/nodes/2/transportRequests"))).willReturn(okJson(
        "{\"transportRequests\":[{\"id\":7,\"status\":\"brandNewStatus\",\"entries\":[{\"id\":1,"
            + "\"storageType\":\"Reference\",\"contentType\":\"myNewType\",\"uri\":\"x\"}]},"
            + "{\"id\":8,\"status\":\"Succeeded\",\"entries\":[]}]}")));
    DeploymentClient client = Wm.client(wm, new FakeClock());

    List<TransportRequest> trs = client.transportRequests(TransportQuery.allStatuses(NodeId.of(2)));

    assertThat(trs.get(0).status().value()).isEqualTo("brandNewStatus");
    assertThat(trs.get(0).entries().get(0).contentType().value()).isEqualTo("myNewType");
    assertThat(trs.get(0).entries().get(0).storageType().value()).isEqualTo("Reference");
    assertThat(trs.get(1).status()).isEqualTo(TransportStatus.SUCCEEDED);
    assertThat(trs.get(1).status().value()).isEqualTo("Succeeded");
  }
}
