package io.github.calmsdk.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.testing.FakeClock;
import io.github.calmsdk.testkit.FakeCalm;
import io.github.calmsdk.testkit.FakeMtaExtDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** MTA extension descriptors on a node: GET, POST, PUT and DELETE, multipart as Project Piper sends them. */
class MtaExtDescriptorTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private static final String YAML = "_schema-version: '3.1'\nID: com.acme.app.qas\nextends: com.acme.app\n";
  private static final String DESCRIPTOR_JSON =
      "{\"id\":7,\"description\":\"QAS settings\",\"mtaId\":\"com.acme.app\",\"mtaExtId\":\"com.acme.app.qas\","
          + "\"mtaVersion\":\"1.2.0\",\"lastChangedAt\":\"2026-11-21T10:00:00.000Z\",\"newField\":1}";

  @TempDir Path dir;

  private Path mtaext(String yaml) throws IOException {
    return Files.writeString(dir.resolve("qas" + System.nanoTime() + ".mtaext"), yaml, StandardCharsets.UTF_8);
  }

  @Test
  void createListUpdateAndDeleteAgainstTheFake() throws IOException {
    try (FakeCalm fake = FakeCalm.start()) {
      DeploymentClient deployment = Fakes.client(fake);
      NodeName qas = NodeName.of("QAS");

      MtaExtDescriptor created =
          deployment.createMtaExtDescriptor(
              MtaExtDescriptorUpload.builder()
                  .node(qas)
                  .file(mtaext(YAML))
                  .mtaVersion("1.2.0")
                  .description("QAS settings")
                  .namedUser("jane")
                  .build());

      assertThat(created.mtaId()).isEqualTo("com.acme.app");
      assertThat(created.mtaExtId()).isEqualTo("com.acme.app.qas");
      assertThat(created.mtaVersion()).isEqualTo("1.2.0");
      assertThat(created.lastChangedAt()).isNotNull();
      FakeMtaExtDescriptor stored = fake.mtaExtDescriptors("QAS").get(0);
      assertThat(stored.namedUser()).isEqualTo("jane");
      assertThat(stored.description()).isEqualTo("QAS settings");
      assertThat(stored.content()).isEqualTo(YAML);

      assertThat(deployment.mtaExtDescriptors(qas)).containsExactly(created);
      assertThat(deployment.mtaExtDescriptors(qas, "com.acme.app", "1.2.0")).containsExactly(created);
      assertThat(deployment.mtaExtDescriptors(qas, "com.acme.other", null)).isEmpty();

      MtaExtDescriptor updated =
          deployment.updateMtaExtDescriptor(
              created.id(),
              MtaExtDescriptorUpload.builder().node(qas).file(mtaext(YAML)).mtaVersion("1.3.0").build());
      assertThat(updated.id()).isEqualTo(created.id());
      assertThat(updated.mtaVersion()).isEqualTo("1.3.0");
      assertThat(fake.mtaExtDescriptors("QAS")).singleElement()
          .satisfies(d -> assertThat(d.mtaVersion()).isEqualTo("1.3.0"));

      deployment.deleteMtaExtDescriptor(qas, created.id());
      assertThat(fake.mtaExtDescriptors("QAS")).isEmpty();
      assertThat(deployment.mtaExtDescriptors(qas)).isEmpty();
    }
  }

  @Test
  void theServicesRefusalOfASecondDescriptorForTheSameMtaVersionIsPassedOn() throws IOException {
    try (FakeCalm fake = FakeCalm.start()) {
      DeploymentClient deployment = Fakes.client(fake);
      MtaExtDescriptorUpload upload =
          MtaExtDescriptorUpload.builder().node(NodeName.of("QAS")).file(mtaext(YAML)).build();
      deployment.createMtaExtDescriptor(upload);

      assertThatThrownBy(() -> deployment.createMtaExtDescriptor(upload))
          .isInstanceOfSatisfying(CalmException.class, e -> assertThat(e.status()).isEqualTo(400));
      assertThat(fake.mtaExtDescriptors("QAS")).singleElement()
          .satisfies(d -> assertThat(d.mtaVersion()).isEqualTo("*"));
    }
  }

  @Test
  void thePostIsMultipartWithFileMtaVersionAndDescriptionAndTheNamedUserInTheHeader() throws IOException {
    wm.stubFor(post(Wm.path("/nodes/2/mtaExtDescriptors")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody(DESCRIPTOR_JSON)));
    DeploymentClient deployment = Wm.client(wm, new FakeClock());

    MtaExtDescriptor d =
        deployment.createMtaExtDescriptor(
            MtaExtDescriptorUpload.builder()
                .node(NodeId.of(2))
                .file(mtaext(YAML))
                .mtaVersion("1.2.0")
                .description("QAS settings")
                .namedUser("jane")
                .build());

    assertThat(d)
        .isEqualTo(new MtaExtDescriptor(7, "QAS settings", "com.acme.app", "com.acme.app.qas", "1.2.0",
            Instant.parse("2026-11-21T10:00:00Z")));
    wm.verify(
        postRequestedFor(urlEqualTo(Wm.path("/nodes/2/mtaExtDescriptors")))
            .withHeader("Content-Type", containing("multipart/form-data; boundary="))
            .withHeader("tms-named-user", equalTo("jane"))
            .withRequestBodyPart(aMultipart().withName("file").withBody(equalTo(YAML)).build())
            .withRequestBodyPart(aMultipart().withName("mtaVersion").withBody(equalTo("1.2.0")).build())
            .withRequestBodyPart(aMultipart().withName("description").withBody(equalTo("QAS settings")).build()));
  }

  @Test
  void thePutGoesToTheDescriptorsIdAndWithoutANamedUserSendsNoHeader() throws IOException {
    wm.stubFor(put(Wm.path("/nodes/2/mtaExtDescriptors/7")).willReturn(okJson(DESCRIPTOR_JSON)));
    DeploymentClient deployment = Wm.client(wm, new FakeClock());

    deployment.updateMtaExtDescriptor(
        7, MtaExtDescriptorUpload.builder().node(NodeId.of(2)).file(mtaext(YAML)).build());

    wm.verify(
        putRequestedFor(urlEqualTo(Wm.path("/nodes/2/mtaExtDescriptors/7")))
            .withHeader("tms-named-user", absent())
            .withRequestBodyPart(aMultipart().withName("mtaVersion").withBody(equalTo("*")).build()));
  }

  @Test
  void theLookupSendsMtaIdAndVersionAsPiperDoes() {
    wm.stubFor(get(urlEqualTo(Wm.path("/nodes/2/mtaExtDescriptors?mtaId=com.acme.app&mtaVersion=1.2.0")))
        .willReturn(okJson("{\"mtaExtDescriptors\":[" + DESCRIPTOR_JSON + "]}")));
    DeploymentClient deployment = Wm.client(wm, new FakeClock());

    assertThat(deployment.mtaExtDescriptors(NodeId.of(2), "com.acme.app", "1.2.0"))
        .extracting(MtaExtDescriptor::id).containsExactly(7L);
    wm.verify(1, getRequestedFor(anyUrl()));
  }

  @Test
  void badInputIsRefusedNamingTheFieldBeforeAnythingIsSent() throws IOException {
    DeploymentClient deployment = Wm.client(wm, new FakeClock());
    Path file = mtaext(YAML);

    assertThatThrownBy(() -> MtaExtDescriptorUpload.builder().node(NodeId.of(2)).file(dir.resolve("missing")).build())
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("file"));
    assertThatThrownBy(() -> MtaExtDescriptorUpload.builder().file(file).build())
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("node"));
    assertThatThrownBy(
            () -> MtaExtDescriptorUpload.builder().node(NodeId.of(2)).file(file).mtaVersion(" ").build())
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("mtaVersion"));
    assertThatThrownBy(
            () -> MtaExtDescriptorUpload.builder().node(NodeId.of(2)).file(file).namedUser("x".repeat(61)).build())
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("namedUser"));
    assertThatThrownBy(() -> deployment.deleteMtaExtDescriptor(NodeId.of(2), 0))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("descriptorId"));
    assertThatThrownBy(() -> deployment.mtaExtDescriptors(NodeId.of(2), " ", null))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("mtaId"));
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
