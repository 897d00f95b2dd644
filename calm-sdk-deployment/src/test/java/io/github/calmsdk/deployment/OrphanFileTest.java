package io.github.calmsdk.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.testing.FakeClock;
import io.github.calmsdk.testkit.FakeCalm;
import io.github.calmsdk.testkit.UploadedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file uploaded for an export that then fails before any transport request exists is deleted ({@code DELETE
 * /v2/files/{fileId}}); when the outcome is unknown it is left alone.
 */
class OrphanFileTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  @TempDir Path dir;

  private Path file(String name) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, new byte[] {1, 2, 3});
    return p;
  }

  private ExportRequest export(String node, Path... files) {
    return ExportRequest.builder()
        .node(node)
        .files(List.of(files))
        .contentType(ContentType.MTA)
        .description("Release 1")
        .build();
  }

  @Test
  void anExportTheServiceRefusesAfterTheUploadDeletesTheUploadedFile() throws IOException {
    try (FakeCalm fake = FakeCalm.start()) {
      DeploymentClient deployment = Fakes.client(fake);
      Path mtar = file("app.mtar");

      // PRD has no follow-on node: the export call is refused with a 400 after the upload succeeded
      assertThatThrownBy(() -> deployment.export(export("PRD", mtar)))
          .isInstanceOfSatisfying(CalmException.class, e -> assertThat(e.status()).isEqualTo(400));

      assertThat(fake.deletedFiles()).extracting(UploadedFile::fileName).containsExactly("app.mtar");
      assertThat(fake.uploadedFiles()).isEmpty();
      assertThat(fake.transportRequests()).isEmpty();
    }
  }

  @Test
  void aLostExportAnswerLeavesTheUploadedFileAlone() throws IOException {
    try (FakeCalm fake = FakeCalm.start()) {
      fake.faults().on("POST", ".+/v2/nodes/export").connectionReset().times(1);
      DeploymentClient deployment = Fakes.client(fake);

      assertThatThrownBy(() -> deployment.export(export("DEV", file("app.mtar"))))
          .isInstanceOf(UnresolvedOutcomeException.class);

      assertThat(fake.deletedFiles()).isEmpty();
      assertThat(fake.requestCount("DELETE", ".*")).isZero();
      assertThat(fake.uploadedFiles()).hasSize(1);
    }
  }

  @Test
  void aSuccessfulExportDeletesNothing() throws IOException {
    try (FakeCalm fake = FakeCalm.start()) {
      Fakes.client(fake).export(export("DEV", file("app.mtar")));

      assertThat(fake.deletedFiles()).isEmpty();
      assertThat(fake.requestCount("DELETE", ".*")).isZero();
    }
  }

  @Test
  void aFailedDeleteIsAddedAsSuppressedAndNeverReplacesTheExportsFailure() throws IOException {
    DeploymentClient deployment = Wm.client(wm, new FakeClock());
    wm.stubFor(post(Wm.path("/files/upload")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"fileId\":4711,\"fileName\":\"app.mtar\"}")));
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errorType\":\"TsUnprocessableEntityException\",\"message\":\"bad entry\"}")));
    wm.stubFor(delete(Wm.path("/files/4711")).willReturn(aResponse().withStatus(401)));

    assertThatThrownBy(() -> deployment.export(export("DEV_NODE", file("app.mtar"))))
        .isInstanceOfSatisfying(CalmException.class, e -> {
          assertThat(e.status()).isEqualTo(422);
          assertThat(e.getSuppressed())
              .anySatisfy(s -> assertThat(((CalmException) s).status()).isEqualTo(401));
        });
    wm.verify(exactly(1), deleteRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(
        Wm.path("/files/4711"))));
  }

  @Test
  void whenALaterUploadFailsTheFilesUploadedBeforeAreDeletedAndNoExportIsSent() throws IOException {
    DeploymentClient deployment = Wm.client(wm, new FakeClock());
    wm.stubFor(post(Wm.path("/files/upload")).inScenario("uploads").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"fileId\":4711,\"fileName\":\"a.mtar\"}"))
        .willSetStateTo("second"));
    wm.stubFor(post(Wm.path("/files/upload")).inScenario("uploads").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(413)));
    wm.stubFor(delete(Wm.path("/files/4711")).willReturn(aResponse().withStatus(204)));

    assertThatThrownBy(() -> deployment.export(export("DEV_NODE", file("a.mtar"), file("b.mtar"))))
        .isInstanceOfSatisfying(CalmException.class, e -> assertThat(e.status()).isEqualTo(413));
    wm.verify(exactly(1), deleteRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(
        Wm.path("/files/4711"))));
    wm.verify(exactly(0), postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(
        Wm.path("/nodes/export"))));
  }
}
