package io.github.calmsdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.core.retry.Sleeper;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.StatusChange;
import io.github.calmsdk.deployment.StatusWatcher;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.features.Feature;
import io.github.calmsdk.testing.JavaProcess;
import io.github.calmsdk.testkit.FakeCalm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets do what they say, against the fake; the quick start runs as written. */
class ExamplesTest {
  @TempDir Path dir;
  private FakeCalm fake;
  private CalmClient calm;

  @BeforeEach
  void start() {
    fake = FakeCalm.start();
    Sleeper noWait = d -> {};
    calm = CalmClient.builder().serviceKey(ServiceKey.fromJson(fake.serviceKeyJson())).sleeper(noWait).build();
  }

  @AfterEach
  void stop() {
    calm.close();
    fake.close();
  }

  private ExportResult export(String name) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, "mta");
    return ExportFile.exportFile(calm, "DEV", file, "Release " + name);
  }

  @Test
  void exportFileCreatesATransportRequestInTheFollowOnQueue() throws Exception {
    ExportResult r = export("app.mtar");

    assertThat(fake.transportRequest(r.transportRequestId().value()).queueNodeIds())
        .containsExactly(fake.nodeId("QAS"));
    assertThat(r.description()).isEqualTo("Release app.mtar");
  }

  @Test
  void importAndWaitReturnsTheOutcome() throws Exception {
    TransportRequestId tr = export("app.mtar").transportRequestId();
    fake.importOutcome(tr.value(), "warning");

    ImportOutcome o = ImportAndWait.importAndWait(calm, NodeName.of("QAS"), List.of(tr), Duration.ofMinutes(1));

    assertThat(o.isSuccessful()).isTrue();
    assertThat(o.outcome(tr).orElseThrow().status()).isEqualTo(TransportStatus.WARNING);
  }

  @Test
  void retryFailedImportsTheFailedOnesAgainAndLeavesTheRest() throws Exception {
    TransportRequestId ok = export("ok.mtar").transportRequestId();
    TransportRequestId bad = export("bad.mtar").transportRequestId();
    fake.importOutcomes(bad.value(), "error", "succeeded");
    ImportAndWait.importAndWait(calm, NodeName.of("QAS"), List.of(ok, bad), Duration.ofMinutes(1));

    Optional<ImportOutcome> retried = RetryFailed.retryFailed(calm, NodeName.of("QAS"), Duration.ofMinutes(1));

    assertThat(retried).hasValueSatisfying(o -> {
      assertThat(o.isSuccessful()).isTrue();
      assertThat(o.transportRequests()).extracting(t -> t.transportRequestId()).containsExactly(bad);
    });
    assertThat(RetryFailed.retryFailed(calm, NodeName.of("QAS"), Duration.ofMinutes(1))).isEmpty();
  }

  @Test
  void watchStatusChangesDescribesEachChange() {
    TransportRequestId tr = TransportRequestId.of(4711);
    StatusChange change = new StatusChange(tr, NodeId.of(2),
        Optional.of(TransportStatus.RUNNING), Optional.of(TransportStatus.ERROR), Instant.now());
    StatusChange gone = new StatusChange(tr, NodeId.of(2),
        Optional.of(TransportStatus.ERROR), Optional.empty(), Instant.now());

    assertThat(WatchStatusChanges.describe(change)).isEqualTo("TR 4711: running -> error");
    assertThat(WatchStatusChanges.describe(gone)).isEqualTo("TR 4711: error -> (gone)");
  }

  @Test
  void watchStatusChangesStartsAWatcherOnTheNode() {
    try (StatusWatcher w = WatchStatusChanges.watch(calm, NodeName.of("QAS"), Duration.ofMinutes(1))) {
      assertThat(w.node().value()).isEqualTo(fake.nodeId("QAS"));
      assertThat(w.request().interval()).isEqualTo(Duration.ofMinutes(1));
    }
  }

  @Test
  void manageFeaturesListsAProjectAndSetsAStatusByName() {
    fake.addFeature("P1", "Checkout v2", null);
    fake.addFeature("P2", "Other", null);

    List<Feature> features = ManageFeatures.list(calm.features(), "P1");
    Feature changed = ManageFeatures.setStatusByName(calm.features(), "P1", features.get(0).displayId(), "in testing");

    assertThat(features).extracting(Feature::title).containsExactly("Checkout v2");
    assertThat(changed.statusCode()).isEqualTo("IN_TESTING");
  }

  @Test
  void theQuickStartRunsAsWrittenWithTheKeyFromTheEnvironment() throws Exception {
    try (FakeCalm quick = FakeCalm.builder().importPollsUntilDone(0).start()) {
      Files.writeString(dir.resolve("key.json"), quick.serviceKeyJson());
      Files.writeString(dir.resolve("app.mtar"), "mta");

      JavaProcess.Result r = JavaProcess.run(QuickStart.class,
          Map.of("CALM_SERVICE_KEY", dir.resolve("key.json").toString()), dir);

      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).matches("transport request \\d+ in QAS: succeeded\\n");
      assertThat(quick.transportRequests()).singleElement()
          .satisfies(t -> assertThat(t.statusIn(quick.nodeId("QAS"))).isEqualTo("succeeded"));
    }
  }
}
