package io.github.calmsdk.client.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.deployment.UnresolvedOutcomeException;
import io.github.calmsdk.testkit.FakeCalm;
import io.github.calmsdk.testkit.FakeTransportRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2xx answer to a state-changing call that cannot be read proves the call was applied; only its result is unknown.
 * It must never be reported as a plain failure, which invites the caller to send the call again.
 */
@ExtendWith(SecretLedger.class)
class UnreadableAnswerTest {
  private static final String EXPORT = ".+/v2/nodes/export";
  private static final String IMPORT = ".+/v2/nodes/\\d+/transportRequests/import";

  @TempDir Path dir;

  private FakeCalm fake;
  private CalmClient calm;
  private DeploymentClient deployment;

  @BeforeEach
  void start() {
    fake = FakeCalm.start();
    SecretLedger.addClientSecret(fake.clientId(), fake.clientSecret());
    calm =
        CalmClient.builder()
            .serviceKey(ServiceKey.fromJson(fake.serviceKeyJson()))
            .sleeper(new InstantSleeper())
            .attemptTimeout(Duration.ofSeconds(5))
            .build();
    deployment = calm.deployment();
  }

  @AfterEach
  void stop() {
    calm.close();
    fake.close();
  }

  private ExportRequest request(String name) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, ("content of " + name).getBytes(StandardCharsets.UTF_8));
    return ExportRequest.builder().node("DEV").file(file).contentType(ContentType.MTA).description("Release " + name)
        .build();
  }

  @Test
  void anExportWhoseCreateAnswerIsCutInHalfIsFoundInTheQueuesNotReportedAsFailed() throws Exception {
    fake.faults().on("POST", EXPORT).malformedBody().once();

    ExportResult r = deployment.export(request("half.mtar"));

    assertThat(r.recovered()).isTrue();
    List<FakeTransportRequest> all = fake.transportRequests();
    assertThat(all).hasSize(1);
    assertThat(all.get(0).id()).isEqualTo(r.transportRequestId().value());
    assertThat(all.get(0).entryUris()).containsExactly(Long.toString(r.uploadedFiles().get(0).fileId()));
    assertThat(fake.requestCount("POST", EXPORT)).as("the export is never sent twice").isEqualTo(1);
  }

  @Test
  void anExportAnswered200WithoutAnIdIsSettledFromTheQueuesAndNeverSentAgain() throws Exception {
    // the fake answers without processing: the queues show nothing, so the outcome stays open, said as such
    fake.faults().on("POST", EXPORT).status(200).body("{\"transportRequestDescription\":\"x\"}").once();

    assertThatThrownBy(() -> deployment.export(request("noid.mtar")))
        .isInstanceOfSatisfying(
            UnresolvedOutcomeException.class,
            e -> {
              assertThat(e.getMessage()).contains("outcome unknown").contains("no queue searched holds");
              assertThat(e.getCause()).hasMessageContaining("transportRequestId");
              assertThat(e.getCause().getCause()).isInstanceOf(CalmDecodingException.class);
              assertThat(e.checks()).hasSize(3);
            });
    assertThat(fake.transportRequests()).isEmpty();
    assertThat(fake.requestCount("POST", EXPORT)).isEqualTo(1);
  }

  /**
   * An import answered 2xx with an unreadable body (cut JSON, or no {@code actionId}) runs in the service; reported
   * as a plain {@link CalmDecodingException} it would invite a second import, so it is settled like a lost answer.
   */
  @Test
  void anImportWhoseAnswerIsUnreadableIsReportedWithTheStatusesSeenNotAsAPlainFailure() throws Exception {
    TransportRequestId tr = deployment.export(request("app.mtar")).transportRequestId();
    fake.faults().on("POST", IMPORT).malformedBody().once();

    assertThatThrownBy(() -> deployment.importTransports(ImportRequest.of(NodeName.of("QAS"), tr)))
        .isInstanceOfSatisfying(
            UnresolvedOutcomeException.class,
            e -> {
              assertThat(e.observed()).containsEntry(tr, TransportStatus.RUNNING);
              assertThat(e.getMessage()).contains("do not import again");
            });
    assertThat(fake.requestCount("POST", IMPORT)).isEqualTo(1);
  }
}
