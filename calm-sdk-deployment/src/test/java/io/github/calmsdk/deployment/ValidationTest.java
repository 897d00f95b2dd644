package io.github.calmsdk.deployment;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.testing.FakeClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each rule of the API is checked before anything is sent; the error names the field. */
class ValidationTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  @TempDir Path dir;

  @AfterEach
  void nothingWasSent() {
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  private Path file() throws IOException {
    Path f = dir.resolve("app.mtar");
    Files.write(f, new byte[] {1, 2, 3});
    return f;
  }

  private ExportRequest.Builder valid() throws IOException {
    return ExportRequest.builder().node("DEV_NODE").file(file()).contentType(ContentType.MTA).description("d");
  }

  private static void assertField(Throwable t, String field) {
    assertThat(t).isInstanceOf(CalmValidationException.class);
    assertThat(((CalmValidationException) t).field()).isEqualTo(field);
  }

  @Test
  void nodeNameLongerThan30IsRejected() {
    assertThatThrownBy(() -> valid().node("X".repeat(31)).build()).satisfies(t -> assertField(t, "nodeName"));
  }

  @Test
  void exportWithoutNodeIsRejected() {
    assertThatThrownBy(() -> valid().node((NodeName) null).build()).satisfies(t -> assertField(t, "nodeName"));
  }

  @Test
  void descriptionIsRequiredForExport() {
    assertThatThrownBy(() -> valid().description(null).build())
        .satisfies(t -> assertField(t, "description"))
        .hasMessageContaining("required");
  }

  @Test
  void descriptionLongerThan512IsRejected() throws IOException {
    assertThat(valid().description("d".repeat(512)).build().description()).hasSize(512);
    assertThatThrownBy(() -> valid().description("d".repeat(513)).build())
        .satisfies(t -> assertField(t, "description"))
        .hasMessageContaining("513");
  }

  @Test
  void namedUserLongerThan60IsRejected() throws IOException {
    assertThat(valid().namedUser("u".repeat(60)).build().namedUser()).hasSize(60);
    assertThatThrownBy(() -> valid().namedUser("u".repeat(61)).build()).satisfies(t -> assertField(t, "namedUser"));
    assertThatThrownBy(() -> ImportRequest.of(NodeId.of(1), TransportRequestId.of(1)).withNamedUser("u".repeat(61)))
        .satisfies(t -> assertField(t, "namedUser"));
  }

  @Test
  void blankNamedUserIsRejected() {
    assertThatThrownBy(() -> valid().namedUser("  ").build()).satisfies(t -> assertField(t, "namedUser"));
  }

  @Test
  void entryUriLongerThan256IsRejected() {
    ExportRequest.Builder b =
        ExportRequest.builder().node("DEV_NODE").contentType(ContentType.MTA).description("d");
    assertThat(b.reference("r".repeat(256)).build().references()).hasSize(1);
    assertThatThrownBy(
            () ->
                ExportRequest.builder()
                    .node("DEV_NODE")
                    .contentType(ContentType.MTA)
                    .description("d")
                    .reference("ok")
                    .reference("r".repeat(257))
                    .build())
        .satisfies(t -> assertField(t, "entries[1].uri"));
  }

  @Test
  void exportNeedsAtLeastOneEntry() {
    assertThatThrownBy(
            () -> ExportRequest.builder().node("DEV_NODE").contentType(ContentType.MTA).description("d").build())
        .satisfies(t -> assertField(t, "entries"));
  }

  @Test
  void exportMayNotMixFilesAndReferences() {
    assertThatThrownBy(() -> valid().reference("https://repo/x").build()).satisfies(t -> assertField(t, "entries"));
  }

  @Test
  void contentTypeIsRequired() {
    assertThatThrownBy(() -> valid().contentType(null).build()).satisfies(t -> assertField(t, "contentType"));
  }

  @Test
  void filesMustExist() {
    assertThatThrownBy(() -> valid().file(dir.resolve("missing.mtar")).build())
        .satisfies(t -> assertField(t, "files[1]"))
        .hasMessageContaining("does not exist");
  }

  @Test
  void directoriesAreNotFiles() {
    assertThatThrownBy(() -> valid().file(dir).build()).satisfies(t -> assertField(t, "files[1]"));
  }

  @Test
  void filesOverTheOneGigabyteLimitAreRejected() throws IOException {
    Path big = dir.resolve("big.mtar");
    try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
      raf.setLength(ExportRequest.MAX_FILE_BYTES + 1); // sparse: no real disk use
    }
    assertThatThrownBy(() -> valid().file(big).build())
        .satisfies(t -> assertField(t, "files[1]"))
        .hasMessageContaining("1 GB");
  }

  @Test
  void storageTypeMustFitTheEntries() {
    assertThatThrownBy(() -> valid().storageType(StorageType.REFERENCE).build())
        .satisfies(t -> assertField(t, "storageType"));
  }

  @Test
  void uploadTimeoutMustBePositive() {
    assertThatThrownBy(() -> valid().timeout(Duration.ZERO).build()).satisfies(t -> assertField(t, "timeout"));
  }

  @Test
  void importNeedsAtLeastOneTransportRequest() {
    assertThatThrownBy(() -> ImportRequest.of(NodeId.of(1))).satisfies(t -> assertField(t, "transportRequests"));
    assertThatThrownBy(() -> ImportRequest.of(NodeId.of(1), List.of()))
        .satisfies(t -> assertField(t, "transportRequests"));
  }

  @Test
  void importOfAllTakesNoIds() {
    assertThatThrownBy(
            () ->
                ImportRequest.builder()
                    .node(NodeId.of(1))
                    .importAll()
                    .transportRequest(TransportRequestId.of(5))
                    .build())
        .satisfies(t -> assertField(t, "transportRequests"));
  }

  @Test
  void importNeedsANode() {
    assertThatThrownBy(() -> ImportRequest.of(null, TransportRequestId.of(5))).satisfies(t -> assertField(t, "node"));
  }

  @Test
  void retryAndTransitionsNeedAtLeastOneTransportRequest() {
    assertThatThrownBy(() -> RetryRequest.of(NodeId.of(1))).satisfies(t -> assertField(t, "transportRequests"));
    assertThatThrownBy(() -> TransitionRequest.of(NodeId.of(1), List.of()))
        .satisfies(t -> assertField(t, "transportRequests"));
  }

  @Test
  void duplicateTransportRequestIdsAreSentOnce() {
    assertThat(
            ImportRequest.of(NodeId.of(1), TransportRequestId.of(5), TransportRequestId.of(5)).transportRequests())
        .containsExactly(TransportRequestId.of(5));
  }

  @Test
  void transportQueryNeedsAStatus() {
    assertThatThrownBy(() -> TransportQuery.of(NodeId.of(1))).satisfies(t -> assertField(t, "statuses"));
  }

  @Test
  void transportQueryRejectsStatusesWithoutQueryCode() {
    assertThatThrownBy(() -> TransportQuery.of(NodeId.of(1), TransportStatus.UNKNOWN))
        .satisfies(t -> assertField(t, "statuses"));
  }

  @Test
  void timeWindowMustNotEndBeforeItStarts() {
    Instant t = Instant.parse("2026-11-21T10:00:00Z");
    assertThatThrownBy(
            () ->
                TransportQuery.builder()
                    .node(NodeId.of(1))
                    .allStatuses()
                    .createdAfter(t)
                    .createdBefore(t.minusSeconds(1))
                    .build())
        .satisfies(t2 -> assertField(t2, "createdAt"));
  }

  @Test
  void awaitTimeoutMustBePositive() {
    DeploymentClient client = Wm.client(wm, new FakeClock());
    ImportAction action = client.action(ActionId.of(1));
    assertThatThrownBy(() -> action.await(Duration.ZERO)).satisfies(t -> assertField(t, "timeout"));
  }

  @Test
  void apiBaseMustBeAbsolute() {
    assertThatThrownBy(
            () -> DeploymentClient.create(Wm.context(new FakeClock()), java.net.URI.create("/api")))
        .satisfies(t -> assertField(t, "apiBase"));
  }
}
