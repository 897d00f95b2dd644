package io.github.calmsdk.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.testkit.FakeCalm;
import io.github.calmsdk.testkit.NodeSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Imports the Cloud ALM setup guide says a node cannot take are refused before sending: Import Selected into a
 * BTP_ABAP node, any import into a node controlled by SAP Solution Manager. The fake's node list carries
 * {@code targets[].contentType} and {@code controlledBy}; its default nodes carry neither, so declarations apply.
 */
class NodeCapabilityRefusalTest {
  private final FakeCalm fake = FakeCalm.builder().importPollsUntilDone(0).start();

  @AfterEach
  void close() {
    fake.close();
  }

  private int importPosts() {
    return fake.requestCount("POST", ".*/transportRequests/import(All)?");
  }

  @Test
  void nodesCarryTheContentTypeAndControlTheListingTells() {
    fake.addNode(NodeSpec.named("ABAP_QAS").withContentType("BTP_ABAP"));
    fake.addNode(NodeSpec.named("SM_PRD").controlledBySolutionManager());
    DeploymentClient deployment = Fakes.client(fake);

    Node abap = deployment.node(NodeName.of("ABAP_QAS")).orElseThrow();
    Node solman = deployment.node(NodeName.of("SM_PRD")).orElseThrow();
    Node qas = deployment.node(NodeName.of("QAS")).orElseThrow();

    assertThat(abap.contentTypes()).containsExactly(ContentType.BTP_ABAP);
    assertThat(abap.controlledBy()).isNull();
    assertThat(solman.controlledBy()).isEqualTo("CHARM");
    assertThat(qas.contentTypes()).isEmpty();
    assertThat(qas.controlledBy()).isNull();
  }

  @Test
  void importSelectedIntoABtpAbapNodeIsRefusedNamingWhatTheNodeSupportsAndNothingIsSent() {
    long abap = fake.addNode(NodeSpec.named("ABAP_QAS").withContentType("BTP_ABAP"));
    DeploymentClient deployment = Fakes.client(fake);

    for (NodeRef ref : new NodeRef[] {NodeName.of("ABAP_QAS"), NodeId.of(abap)}) {
      assertThatThrownBy(() -> deployment.importTransports(ImportRequest.of(ref, TransportRequestId.of(1001))))
          .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("node"))
          .hasMessageContaining("BTP_ABAP")
          .hasMessageContaining("Import Selected")
          .hasMessageContaining("ImportRequest.all(node)")
          .hasMessageContaining("nothing was sent");
    }
    assertThat(importPosts()).isZero();
  }

  @Test
  void aBtpAbapNodeStillImportsItsWholeQueue() {
    fake.addNode(NodeSpec.named("ABAP_QAS").withContentType("BTP_ABAP"));
    DeploymentClient deployment = Fakes.client(fake);

    ImportAction action = deployment.importTransports(ImportRequest.all(NodeName.of("ABAP_QAS")));

    assertThat(action.actionId()).isNotNull();
    assertThat(fake.requestCount("POST", ".*/transportRequests/importAll")).isEqualTo(1);
  }

  @Test
  void retryIsImportSelectedAndIsRefusedOnABtpAbapNodeBeforeReadingAnything() {
    fake.addNode(NodeSpec.named("ABAP_QAS").withContentType("BTP_ABAP"));
    DeploymentClient deployment = Fakes.client(fake);

    assertThatThrownBy(
            () -> deployment.retry(RetryRequest.of(NodeName.of("ABAP_QAS"), java.util.List.of(TransportRequestId.of(7)))))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("BTP_ABAP");
    assertThat(importPosts()).isZero();
    assertThat(fake.requestCount("POST", ".*/transportRequests/reset")).isZero();
    assertThat(fake.requestCount("GET", ".*/transportRequests.*")).isZero();
  }

  @Test
  void everyImportIntoANodeControlledBySolutionManagerIsRefused() {
    long sm = fake.addNode(NodeSpec.named("SM_PRD").controlledBySolutionManager());
    DeploymentClient deployment = Fakes.client(fake);

    assertThatThrownBy(() -> deployment.importTransports(ImportRequest.all(NodeId.of(sm))))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("node"))
        .hasMessageContaining("controlled by 'CHARM'")
        .hasMessageContaining("supports no import")
        .hasMessageContaining("SAP Solution Manager");
    assertThatThrownBy(
            () -> deployment.importTransports(ImportRequest.of(NodeName.of("SM_PRD"), TransportRequestId.of(1))))
        .isInstanceOf(CalmValidationException.class);
    assertThat(importPosts()).isZero();
  }

  @Test
  void whereTheListingSaysNothingTheUsersDeclarationDecides() {
    DeploymentClient deployment =
        Fakes.client(
            fake,
            DeploymentOptions.builder()
                .declareNode(NodeDeclaration.contentTypes(NodeName.of("QAS"), ContentType.BTP_ABAP))
                .declareNode(NodeDeclaration.controlledBy(NodeId.of(fake.nodeId("PRD")), "charm"))
                .build());

    assertThatThrownBy(() -> deployment.importTransports(ImportRequest.of(NodeName.of("QAS"), TransportRequestId.of(5))))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("BTP_ABAP")
        .hasMessageContaining("DeploymentOptions.declareNode");
    assertThatThrownBy(() -> deployment.importTransports(ImportRequest.all(NodeName.of("PRD"))))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("controlled by 'charm'");
    assertThat(importPosts()).isZero();

    deployment.importTransports(ImportRequest.all(NodeName.of("QAS")));
    assertThat(importPosts()).isEqualTo(1);
  }

  @Test
  void whatTheListingSaysWinsOverADeclaration() {
    fake.addNode(NodeSpec.named("ABAP_QAS").withContentType("BTP_ABAP"));
    DeploymentClient deployment =
        Fakes.client(
            fake,
            DeploymentOptions.builder()
                .declareNode(NodeDeclaration.contentTypes(NodeName.of("ABAP_QAS"), ContentType.MTA))
                .build());

    assertThatThrownBy(
            () -> deployment.importTransports(ImportRequest.of(NodeName.of("ABAP_QAS"), TransportRequestId.of(5))))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("from GET /v2/nodes");
    assertThat(importPosts()).isZero();
  }

  @Test
  void noRefusingControllersLetsTheServiceDecide() {
    fake.addNode(NodeSpec.named("SM_PRD").controlledBySolutionManager());
    DeploymentClient deployment =
        Fakes.client(fake, DeploymentOptions.builder().importRefusingControllers(java.util.Set.of()).build());

    // sent: the fake, like the service, refuses it itself
    assertThatThrownBy(() -> deployment.importTransports(ImportRequest.all(NodeName.of("SM_PRD"))))
        .isNotInstanceOf(CalmValidationException.class);
    assertThat(importPosts()).isEqualTo(1);
  }

  @Test
  void aDeclarationMustDeclareSomethingAndEachNodeOnce() {
    assertThatThrownBy(() -> NodeDeclaration.contentTypes(NodeName.of("QAS")))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("contentTypes"));
    assertThatThrownBy(() -> NodeDeclaration.controlledBy(NodeName.of("QAS"), " "))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("controlledBy"));
    assertThatThrownBy(
            () -> DeploymentOptions.builder()
                .declareNode(NodeDeclaration.contentTypes(NodeName.of("QAS"), ContentType.MTA))
                .declareNode(NodeDeclaration.controlledBy(NodeName.of("QAS"), "CHARM"))
                .build())
        .isInstanceOfSatisfying(
            CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("nodeDeclarations"));
  }
}
