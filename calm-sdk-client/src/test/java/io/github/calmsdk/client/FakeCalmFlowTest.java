package io.github.calmsdk.client;

import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.QueueEntry;
import io.github.calmsdk.deployment.RetryRequest;
import io.github.calmsdk.deployment.StatusChange;
import io.github.calmsdk.deployment.StatusWatcher;
import io.github.calmsdk.deployment.TransitionRequest;
import io.github.calmsdk.deployment.TransportQuery;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.deployment.UnresolvedOutcomeException;
import io.github.calmsdk.deployment.WatchRequest;
import io.github.calmsdk.core.retry.Sleeper;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.core.testing.FakeClock;
import io.github.calmsdk.core.testing.SteppingSleeper;
import io.github.calmsdk.testkit.FakeCalm;
import io.github.calmsdk.testkit.FakeTransportRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export, import, await, retry and status changes end to end against the stateful fake Cloud ALM of
 * calm-sdk-testkit, which was written from the wire contract independently of this client.
 */
class FakeCalmFlowTest {
  @TempDir Path dir;

  private final FakeClock clock = new FakeClock();
  private final SteppingSleeper watchSleeper = new SteppingSleeper(clock);
  private FakeCalm fake;
  private CalmClient calm;
  private DeploymentClient deployment;

  @BeforeEach
  void start() {
    fake = FakeCalm.builder().clock(clock).start();
    calm = client(clock.sleeper());
    deployment = calm.deployment();
  }

  /** The whole stack, as a user builds it: service key, token flow, pipeline, deployment client. */
  private CalmClient client(Sleeper sleeper) {
    return CalmClient.builder()
        .serviceKey(ServiceKey.fromJson(fake.serviceKeyJson()))
        .clock(clock)
        .sleeper(sleeper)
        .build();
  }

  @AfterEach
  void stop() {
    calm.close();
    fake.close();
  }

  private ExportResult exportFile(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, ("content of " + name).getBytes(StandardCharsets.UTF_8));
    return deployment.export(
        ExportRequest.builder()
            .node("DEV")
            .file(file)
            .contentType(ContentType.MTA)
            .description("Release " + name)
            .namedUser("jane")
            .build());
  }

  @Test
  void exportImportAwaitRetryAndStatusChangesAgainstTheFake() throws Exception {
    ExportResult exported = exportFile("app.mtar");
    TransportRequestId tr = exported.transportRequestId();
    assertThat(exported.queueEntries()).extracting(QueueEntry::nodeName).containsExactly(NodeName.of("QAS"));
    assertThat(fake.transportRequest(tr.value()).queueNodeIds()).containsExactly(fake.nodeId("QAS"));

    BlockingQueue<StatusChange> changes = new LinkedBlockingQueue<>();
    DeploymentClient watching =
        client(watchSleeper).deployment();
    try (StatusWatcher watcher = watching.statusChanges(WatchRequest.of(NodeName.of("QAS")), changes::add)) {
      watchSleeper.awaitSleeping();

      fake.importOutcomes(tr.value(), "error", "succeeded");
      ImportOutcome first =
          deployment.importTransports(ImportRequest.of(NodeName.of("QAS"), tr)).await(Duration.ofMinutes(5));
      assertThat(first.outcome(tr).orElseThrow().status()).isEqualTo(TransportStatus.ERROR);
      assertThat(first.isSuccessful()).isFalse();

      watchSleeper.step();
      watchSleeper.awaitSleeping();
      assertThat(changes.poll())
          .satisfies(
              c -> {
                assertThat(c.transportRequestId()).isEqualTo(tr);
                assertThat(c.from()).contains(TransportStatus.INITIAL);
                assertThat(c.to()).contains(TransportStatus.ERROR);
              });

      ImportAction retried = deployment.retry(RetryRequest.of(NodeName.of("QAS"), tr).withNamedUser("jane"));
      assertThat(retried.resetFirst()).containsExactly(tr);
      ImportOutcome second = retried.await(Duration.ofMinutes(5));
      assertThat(second.isSuccessful()).isTrue();
      assertThat(retried.logs()).isNotEmpty();

      watchSleeper.step();
      watchSleeper.awaitSleeping();
      assertThat(changes.poll())
          .satisfies(
              c -> {
                assertThat(c.from()).contains(TransportStatus.ERROR);
                assertThat(c.to()).contains(TransportStatus.SUCCEEDED);
              });
      assertThat(changes).isEmpty();
      assertThat(watcher.isRunning()).isTrue();
    }
    assertThat(
            deployment.transportRequests(TransportQuery.of(NodeName.of("QAS"), TransportStatus.SUCCEEDED)))
        .extracting(TransportRequest::id)
        .containsExactly(tr);
    assertThat(deployment.transportRequestLogs(NodeName.of("QAS"), tr)).isNotEmpty();
    assertThat(fake.tokenRequests()).as("one token per client, cached").isEqualTo(2);
  }

  @Test
  void aTokenThatExpiresMidFlowIsRefreshedOnceAndTheCallResent() throws Exception {
    TransportRequestId tr = exportFile("app.mtar").transportRequestId();
    fake.expireAllTokens();

    ImportOutcome outcome =
        deployment.importTransports(ImportRequest.of(NodeName.of("QAS"), tr)).await(Duration.ofMinutes(5));

    assertThat(outcome.isSuccessful()).isTrue();
    assertThat(fake.tokenRequests()).isEqualTo(2);
    // the first call after the expiry (resolving QAS to its id) met the 401: refreshed once, resent once
    assertThat(fake.requestCount("GET", ".+/v2/nodes")).isEqualTo(2);
    assertThat(fake.requestCount("POST", ".+/transportRequests/import")).isEqualTo(1);
  }

  @Test
  void anExportWhoseAnswerIsDroppedAfterProcessingYieldsOneTransportRequest() throws Exception {
    fake.faults().on("POST", ".+/v2/nodes/export").dropResponseAfterProcessing().once();

    ExportResult r = exportFile("lost.mtar");

    assertThat(r.recovered()).isTrue();
    List<FakeTransportRequest> all = fake.transportRequests();
    assertThat(all).hasSize(1);
    assertThat(all.get(0).id()).isEqualTo(r.transportRequestId().value());
    assertThat(all.get(0).entryUris()).containsExactly(Long.toString(r.uploadedFiles().get(0).fileId()));
    assertThat(fake.requestCount("POST", ".+/v2/nodes/export")).isEqualTo(1);
  }

  @Test
  void aResetWhoseAnswerIsDroppedAfterProcessingIsSettledByTheRepeatStatus() throws Exception {
    TransportRequestId tr = exportFile("app.mtar").transportRequestId();
    fake.importOutcome(tr.value(), "error");
    deployment.importTransports(ImportRequest.of(NodeName.of("QAS"), tr)).await(Duration.ofMinutes(5));
    fake.faults().on("POST", ".+/v2/nodes/\\d+/transportRequests/reset").dropResponseAfterProcessing().once();

    deployment.reset(TransitionRequest.of(NodeName.of("QAS"), tr));

    assertThat(fake.transportRequest(tr.value()).statusIn(fake.nodeId("QAS"))).isEqualTo("repeat");
    assertThat(fake.requestCount("POST", ".+/transportRequests/reset")).isEqualTo(1);
  }

  @Test
  void anImportWhoseAnswerIsDroppedIsReportedUnresolvedAndNotRepeated() throws Exception {
    TransportRequestId tr = exportFile("app.mtar").transportRequestId();
    fake.faults().on("POST", ".+/transportRequests/import").dropResponseAfterProcessing().once();

    Optional<UnresolvedOutcomeException> thrown = Optional.empty();
    try {
      deployment.importTransports(ImportRequest.of(NodeName.of("QAS"), tr));
    } catch (UnresolvedOutcomeException e) {
      thrown = Optional.of(e);
    }

    assertThat(thrown).hasValueSatisfying(e -> assertThat(e.observed()).containsEntry(tr, TransportStatus.RUNNING));
    assertThat(fake.requestCount("POST", ".+/transportRequests/import")).isEqualTo(1);
  }
}
