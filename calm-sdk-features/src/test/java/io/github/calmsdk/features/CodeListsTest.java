package io.github.calmsdk.features;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.calmsdk.features.Wire.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.testing.CapturedLogs;
import io.github.calmsdk.core.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CodeListsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();

  private FeaturesClient client() {
    return Wire.client(wm, clock);
  }

  private void stubStatusesThenForbidden() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/FeatureStatus"))
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(Wire.statuses("A", "B")))
            .willSetStateTo("broken"));
    wm.stubFor(
        get(urlEqualTo(ROOT + "/FeatureStatus"))
            .inScenario("s")
            .whenScenarioStateIs("broken")
            .willReturn(aResponse().withStatus(403).withBody("missing scope")));
  }

  @Test
  void statusesAreReadFromTheServerInItsOrder() {
    wm.stubFor(get(urlEqualTo(ROOT + "/FeatureStatus")).willReturn(okJson(Wire.statuses("B", "A", "C"))));

    assertThat(client().statuses())
        .containsExactly(
            new FeatureStatus("B", "Name of B"), new FeatureStatus("A", "Name of A"), new FeatureStatus("C", "Name of C"));
  }

  @Test
  void statusesAreCachedWithinTheTimeToLive() {
    wm.stubFor(get(urlEqualTo(ROOT + "/FeatureStatus")).willReturn(okJson(Wire.statuses("A"))));
    FeaturesClient client = client();

    client.statuses();
    clock.advance(Duration.ofMinutes(59));
    client.statuses();

    wm.verify(1, getRequestedFor(urlEqualTo(ROOT + "/FeatureStatus")));
  }

  @Test
  void statusesAreReadAgainAfterTheTimeToLive() {
    wm.stubFor(get(urlEqualTo(ROOT + "/FeatureStatus")).willReturn(okJson(Wire.statuses("A"))));
    FeaturesClient client = client();

    client.statuses();
    clock.advance(Duration.ofHours(1));
    client.statuses();

    wm.verify(2, getRequestedFor(urlEqualTo(ROOT + "/FeatureStatus")));
  }

  @Test
  void aZeroTimeToLiveReadsTheListOnEveryUse() {
    wm.stubFor(get(urlEqualTo(ROOT + "/FeatureStatus")).willReturn(okJson(Wire.statuses("A"))));
    FeaturesClient client =
        Wire.client(wm, clock, FeaturesOptions.builder().codeListCacheTtl(Duration.ZERO).build());

    client.statuses();
    client.statuses();

    wm.verify(2, getRequestedFor(urlEqualTo(ROOT + "/FeatureStatus")));
  }

  @Test
  void refreshStatusesReadsTheListNowAndCachesIt() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/FeatureStatus"))
            .inScenario("r")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(Wire.statuses("A")))
            .willSetStateTo("new"));
    wm.stubFor(
        get(urlEqualTo(ROOT + "/FeatureStatus"))
            .inScenario("r")
            .whenScenarioStateIs("new")
            .willReturn(okJson(Wire.statuses("A", "NEW"))));
    FeaturesClient client = client();

    assertThat(client.statuses()).extracting(FeatureStatus::code).containsExactly("A");
    assertThat(client.refreshStatuses()).extracting(FeatureStatus::code).containsExactly("A", "NEW");
    assertThat(client.statuses()).extracting(FeatureStatus::code).containsExactly("A", "NEW");
    wm.verify(2, getRequestedFor(urlEqualTo(ROOT + "/FeatureStatus")));
  }

  @Test
  void anExpiredListIsServedWithAWarningWhenReadingItAgainFails() {
    stubStatusesThenForbidden();
    FeaturesClient client = client();
    client.statuses();
    clock.advance(Duration.ofHours(2));
    CapturedLogs.clear();

    assertThat(client.statuses()).extracting(FeatureStatus::code).containsExactly("A", "B");
    assertThat(CapturedLogs.text()).contains("could not read /FeatureStatus again");
  }

  @Test
  void refreshReportsAFailureAndKeepsTheCachedList() {
    stubStatusesThenForbidden();
    FeaturesClient client = client();
    client.statuses();

    assertThatThrownBy(client::refreshStatuses).isInstanceOf(CalmAuthException.class);
    assertThat(client.statuses()).extracting(FeatureStatus::code).containsExactly("A", "B");
  }

  @Test
  void aFirstReadThatFailsIsReported() {
    wm.stubFor(get(urlEqualTo(ROOT + "/FeatureStatus")).willReturn(aResponse().withStatus(403)));

    assertThatThrownBy(() -> client().statuses()).isInstanceOf(CalmAuthException.class);
  }

  @Test
  void prioritiesReadNumericCodesAsText() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/FeaturePriorities"))
            .willReturn(okJson("{\"value\":[{\"code\":10,\"name\":\"Very High\"},{\"code\":\"20\",\"name\":\"High\"}]}")));
    FeaturesClient client = client();

    assertThat(client.priorities())
        .containsExactly(new FeaturePriority("10", "Very High"), new FeaturePriority("20", "High"));
    client.priorities();
    client.refreshPriorities();
    wm.verify(2, getRequestedFor(urlEqualTo(ROOT + "/FeaturePriorities")));
  }

  @Test
  void aCodeListFollowsTheServersNextLink() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/FeatureStatus"))
            .willReturn(okJson("{\"value\":[{\"code\":\"A\"}],\"@odata.nextLink\":\"FeatureStatus?$skiptoken=2\"}")));
    wm.stubFor(
        get(urlEqualTo(ROOT + "/FeatureStatus?$skiptoken=2")).willReturn(okJson("{\"value\":[{\"code\":\"B\"}]}")));

    assertThat(client().statuses()).extracting(FeatureStatus::code).containsExactly("A", "B");
  }

  @Test
  void threadsAskingAtOnceShareOneRead() throws Exception {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/FeatureStatus")).willReturn(okJson(Wire.statuses("A")).withFixedDelay(300)));
    FeaturesClient client = client();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<FeatureStatus>>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return client.statuses();
                }));
      }
      start.countDown();
      for (Future<List<FeatureStatus>> r : results) {
        assertThat(r.get(10, TimeUnit.SECONDS)).extracting(FeatureStatus::code).containsExactly("A");
      }
    } finally {
      pool.shutdownNow();
    }

    wm.verify(1, getRequestedFor(urlEqualTo(ROOT + "/FeatureStatus")));
  }
}
