package io.github.calmsdk.deployment;

import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.event.CallStarted;
import io.github.calmsdk.core.event.CalmListener;
import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmInvalidRequestException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.error.CalmUnavailableException;
import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.testing.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportContractTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  @TempDir Path dir;

  private final FakeClock clock = new FakeClock();
  private DeploymentClient client;
  private Path mtar;
  private final byte[] content = "MTA archive bytes".getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void setUp() throws IOException {
    client = Wm.client(wm, clock);
    mtar = dir.resolve("app.mtar");
    Files.write(mtar, content);
  }

  private static ResponseDefinitionBuilder created(long fileId, String name) {
    return aResponse()
        .withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"fileId\":" + fileId + ",\"fileName\":\"" + name + "\"}");
  }

  private static String createdTr(long id) {
    return "{\"transportRequestId\":" + id + ",\"transportRequestDescription\":\"Release 1\","
        + "\"queueEntries\":[{\"queueId\":7,\"nodeId\":2,\"nodeName\":\"QAS_NODE\"}]}";
  }

  private ExportRequest.Builder request() {
    return ExportRequest.builder()
        .node("DEV_NODE")
        .file(mtar)
        .contentType(ContentType.MTA)
        .description("Release 1")
        .namedUser("jane");
  }

  @Test
  void exportUploadsTheFileAsStreamedMultipartThenCreatesTheTransportRequestWithPipersBody() {
    wm.stubFor(post(Wm.path("/files/upload")).willReturn(created(4711, "app.mtar")));
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(okJson(createdTr(99))));

    ExportResult r = client.export(request().build());

    wm.verify(
        1,
        postRequestedFor(urlEqualTo(Wm.path("/files/upload")))
            .withHeader("Content-Type", matching("multipart/form-data; boundary=.+"))
            .withRequestBodyPart(
                aMultipart()
                    .withName("file")
                    .withHeader("Content-Disposition", containing("filename=\"app.mtar\""))
                    .withBody(binaryEqualTo(content))
                    .build())
            .withRequestBodyPart(aMultipart().withName("namedUser").withBody(equalTo("jane")).build()));
    wm.verify(
        1,
        postRequestedFor(urlEqualTo(Wm.path("/nodes/export")))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalTo(
                    "{\"contentType\":\"MTA\",\"storageType\":\"FILE\",\"nodeName\":\"DEV_NODE\","
                        + "\"description\":\"Release 1\",\"namedUser\":\"jane\",\"entries\":[{\"uri\":\"4711\"}]}")));
    assertThat(r.transportRequestId()).isEqualTo(TransportRequestId.of(99));
    assertThat(r.description()).isEqualTo("Release 1");
    assertThat(r.recovered()).isFalse();
    assertThat(r.uploadedFiles()).containsExactly(new UploadedFile(4711, "app.mtar"));
    assertThat(r.queueEntries())
        .containsExactly(new QueueEntry(OptionalLong.of(7), NodeId.of(2), NodeName.of("QAS_NODE")));
  }

  @Test
  void uploadOnlyCreatesTheTransportRequestInTheNodesOwnQueue() {
    wm.stubFor(post(Wm.path("/files/upload")).willReturn(created(4711, "app.mtar")));
    wm.stubFor(post(Wm.path("/nodes/upload")).willReturn(okJson(createdTr(100))));

    ExportResult r = client.export(request().namedUser(null).mode(ExportMode.UPLOAD_ONLY).build());

    assertThat(r.transportRequestId()).isEqualTo(TransportRequestId.of(100));
    wm.verify(
        postRequestedFor(urlEqualTo(Wm.path("/nodes/upload")))
            .withRequestBody(
                equalTo(
                    "{\"contentType\":\"MTA\",\"storageType\":\"FILE\",\"nodeName\":\"DEV_NODE\","
                        + "\"description\":\"Release 1\",\"entries\":[{\"uri\":\"4711\"}]}")));
    wm.verify(0, postRequestedFor(urlEqualTo(Wm.path("/nodes/export"))));
  }

  @Test
  void severalFilesBecomeOneTransportRequestWithOneEntryEachAndOneProgressAcrossThem() throws IOException {
    Path second = dir.resolve("second.mtar");
    Files.write(second, new byte[1000]);
    wm.stubFor(
        post(Wm.path("/files/upload"))
            .inScenario("files")
            .whenScenarioStateIs(STARTED)
            .willReturn(created(1, "app.mtar"))
            .willSetStateTo("one"));
    wm.stubFor(
        post(Wm.path("/files/upload"))
            .inScenario("files")
            .whenScenarioStateIs("one")
            .willReturn(created(2, "second.mtar")));
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(okJson(createdTr(101))));
    List<long[]> progress = new CopyOnWriteArrayList<>();

    ExportResult r =
        client.export(request().file(second).progress((sent, total) -> progress.add(new long[] {sent, total})).build());

    assertThat(r.uploadedFiles()).extracting(UploadedFile::fileId).containsExactly(1L, 2L);
    wm.verify(
        postRequestedFor(urlEqualTo(Wm.path("/nodes/export")))
            .withRequestBody(containing("\"entries\":[{\"uri\":\"1\"},{\"uri\":\"2\"}]")));
    long total = progress.get(0)[1];
    assertThat(progress).allSatisfy(p -> assertThat(p[1]).isEqualTo(total));
    assertThat(progress.get(progress.size() - 1)[0]).isEqualTo(total);
    assertThat(total).isGreaterThan(1000 + content.length);
  }

  @Test
  void referencesAreSentAsEntriesWithoutUpload() {
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(okJson(createdTr(102))));

    client.export(
        ExportRequest.builder()
            .node("DEV_NODE")
            .reference("https://repo.example.com/app-1.2.mtar")
            .contentType(ContentType.APP)
            .description("App 1.2")
            .build());

    wm.verify(0, postRequestedFor(urlEqualTo(Wm.path("/files/upload"))));
    wm.verify(
        postRequestedFor(urlEqualTo(Wm.path("/nodes/export")))
            .withRequestBody(
                equalTo(
                    "{\"contentType\":\"APP\",\"storageType\":\"REFERENCE\",\"nodeName\":\"DEV_NODE\","
                        + "\"description\":\"App 1.2\",\"entries\":[{\"uri\":\"https://repo.example.com/app-1.2.mtar\"}]}")));
  }

  @Test
  void theUploadTimeoutReplacesTheShortPerAttemptTimeoutOfThePipeline() {
    wm.stubFor(post(Wm.path("/files/upload")).willReturn(created(4711, "app.mtar").withFixedDelay(600)));
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(okJson(createdTr(99))));
    ClientContext shortAttempts =
        ClientContext.builder().clock(clock).sleeper(clock.sleeper()).attemptTimeout(Duration.ofMillis(200)).build();
    DeploymentClient c = DeploymentClient.create(shortAttempts, Wm.apiBase(wm), DeploymentOptions.builder().build());

    ExportResult r = c.export(request().timeout(Duration.ofSeconds(10)).build());

    assertThat(r.transportRequestId()).isEqualTo(TransportRequestId.of(99));
  }

  @Test
  void exportAsyncRunsOnTheConfiguredExecutor() throws Exception {
    wm.stubFor(post(Wm.path("/files/upload")).willReturn(created(4711, "app.mtar")));
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(okJson(createdTr(99))));
    List<String> callThreads = new CopyOnWriteArrayList<>();
    DeploymentClient c =
        DeploymentClient.create(
            ClientContext.builder()
                .clock(clock)
                .sleeper(clock.sleeper())
                .executor(task -> new Thread(task, "my-executor").start())
                .addListener(
                    new CalmListener() {
                      @Override
                      public void callStarted(CallStarted e) {
                        callThreads.add(Thread.currentThread().getName());
                      }
                    })
                .build(),
            Wm.apiBase(wm),
            DeploymentOptions.defaults());

    ExportResult r = c.exportAsync(request().build()).get(10, TimeUnit.SECONDS);

    assertThat(r.transportRequestId()).isEqualTo(TransportRequestId.of(99));
    // the upload and the create were both sent from the executor's thread
    assertThat(callThreads).containsExactly("my-executor", "my-executor");
  }


  @ParameterizedTest(name = "upload answered {0} -> {1}")
  @CsvSource({
    "400, CalmInvalidRequestException",
    "401, CalmAuthException",
    "403, CalmAuthException",
    "422, CalmInvalidRequestException",
  })
  void uploadErrorStatusesMapToTheCoreExceptions(int status, String type) {
    wm.stubFor(
        post(Wm.path("/files/upload"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"errorType\":\"com.sap.Ts" + status + "\",\"message\":\"nope " + status + "\"}")));

    assertThatThrownBy(() -> client.export(request().build()))
        .isInstanceOf(typeNamed(type))
        .isInstanceOfSatisfying(CalmException.class, e -> assertThat(e.status()).isEqualTo(status));
    wm.verify(1, postRequestedFor(urlEqualTo(Wm.path("/files/upload"))));
    wm.verify(0, postRequestedFor(urlEqualTo(Wm.path("/nodes/export"))));
  }

  @Test
  void exportToAnUnknownNodeIsNotFound() {
    wm.stubFor(post(Wm.path("/files/upload")).willReturn(created(4711, "app.mtar")));
    wm.stubFor(
        post(Wm.path("/nodes/export"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"message\":\"Node DEV_NODE does not exist\",\"errorType\":"
                            + "\"com.sap.lm.sl.alm.ts.core.exception.service.TsNotFoundException\"}")));

    assertThatThrownBy(() -> client.export(request().build()))
        .isInstanceOfSatisfying(
            CalmNotFoundException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("TsNotFoundException");
              assertThat(e.serverMessage()).isEqualTo("Node DEV_NODE does not exist");
            });
  }

  @Test
  void createRejectedWith422IsInvalidRequestAndNotRecovered() {
    wm.stubFor(post(Wm.path("/files/upload")).willReturn(created(4711, "app.mtar")));
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(aResponse().withStatus(422).withBody("bad content type")));

    assertThatThrownBy(() -> client.export(request().build())).isInstanceOf(CalmInvalidRequestException.class);
    assertThat(wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
            com.github.tomakehurst.wiremock.client.WireMock.anyUrl())))
        .isEmpty();
  }

  @Test
  void uploadAnswered503IsRetriedByThePipelineBecauseItProvesNothingWasStored() {
    wm.stubFor(
        post(Wm.path("/files/upload"))
            .inScenario("busy")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("ok"));
    wm.stubFor(
        post(Wm.path("/files/upload")).inScenario("busy").whenScenarioStateIs("ok").willReturn(created(5, "a")));
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(okJson(createdTr(99))));

    client.export(request().build());

    wm.verify(2, postRequestedFor(urlEqualTo(Wm.path("/files/upload"))));
    assertThat(clock.sleeps()).hasSize(1);
  }

  @Test
  void uploadThatKeepsAnswering503FailsAsUnavailable() {
    wm.stubFor(post(Wm.path("/files/upload")).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> client.export(request().build())).isInstanceOf(CalmUnavailableException.class);
    wm.verify(4, postRequestedFor(urlEqualTo(Wm.path("/files/upload"))));
  }

  @Test
  void uploadAnswered500IsAmbiguousAndUploadedAgainUpToTheConfiguredAttempts() {
    wm.stubFor(post(Wm.path("/files/upload")).willReturn(aResponse().withStatus(500)));

    assertThatThrownBy(() -> client.export(request().build()))
        .isInstanceOf(CalmAmbiguousOutcomeException.class)
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    wm.verify(2, postRequestedFor(urlEqualTo(Wm.path("/files/upload"))));
    wm.verify(0, postRequestedFor(urlEqualTo(Wm.path("/nodes/export"))));
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Throwable> typeNamed(String simpleName) {
    try {
      return (Class<? extends Throwable>) Class.forName("io.github.calmsdk.core.error." + simpleName);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void authFailureOnExportIsAnAuthException() {
    wm.stubFor(post(Wm.path("/files/upload")).willReturn(created(4711, "app.mtar")));
    wm.stubFor(
        post(Wm.path("/nodes/export"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"error\":\"unauthorized\",\"error_description\":\"Full authentication is required\"}")));

    assertThatThrownBy(() -> client.export(request().build()))
        .isInstanceOfSatisfying(CalmAuthException.class, e -> assertThat(e.errorCode()).isEqualTo("unauthorized"));
  }
}
