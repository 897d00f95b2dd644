package io.github.calmsdk.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.core.error.CalmValidationException;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  @Test
  void idsMustBePositive() {
    assertThatThrownBy(() -> NodeId.of(0)).isInstanceOf(CalmValidationException.class).hasMessageContaining("nodeId");
    assertThatThrownBy(() -> TransportRequestId.of(-4))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("transportRequestId");
    assertThatThrownBy(() -> ActionId.of(0)).isInstanceOf(CalmValidationException.class);
    assertThat(NodeId.of(17)).isEqualTo(new NodeId(17)).hasToString("17");
  }

  @Test
  void nodeNameAcceptsThirtyCharactersAndRejectsThirtyOne() {
    assertThat(NodeName.of("N".repeat(30)).value()).hasSize(30);
    assertThatThrownBy(() -> NodeName.of("N".repeat(31)))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("nodeName"))
        .hasMessageContaining("at most 30");
  }

  @Test
  void unknownTransportStatusIsKeptNotRejected() {
    TransportStatus s = TransportStatus.of("Transient");
    assertThat(s.value()).as("kept verbatim, case included (issue 11)").isEqualTo("Transient");
    assertThat(s.kind()).isEqualTo(TransportStatus.Kind.OTHER);
    assertThat(s.isKnown()).isFalse();
    assertThat(s.queryCode()).isEmpty();
  }

  @Test
  void repeatOnTheWireIsRepeatable() {
    assertThat(TransportStatus.of("repeat")).isEqualTo(TransportStatus.REPEATABLE);
    assertThat(TransportStatus.REPEATABLE.kind()).isEqualTo(TransportStatus.Kind.REPEATABLE);
    assertThat(TransportStatus.of("ERROR")).isEqualTo(TransportStatus.ERROR);
  }

  @Test
  void everyQueryableStatusHasItsDocumentedCode() {
    assertThat(TransportStatus.QUERYABLE.stream().map(s -> s.queryCode().orElseThrow()))
        .containsExactly("in", "ru", "re", "su", "sk", "wa", "er", "fa", "de");
    assertThat(TransportStatus.fromQueryCode("re")).isEqualTo(TransportStatus.REPEATABLE);
    assertThat(TransportStatus.UNKNOWN.queryCode()).isEmpty();
    assertThatThrownBy(() -> TransportStatus.fromQueryCode("xx")).isInstanceOf(CalmValidationException.class);
  }

  @Test
  void runningAndInitialAreInProgress() {
    assertThat(TransportStatus.RUNNING.isInProgress()).isTrue();
    assertThat(TransportStatus.INITIAL.isInProgress()).isTrue();
    assertThat(TransportStatus.UNKNOWN.isInProgress()).isFalse();
    assertThat(TransportStatus.of("queued-later").isInProgress()).isFalse();
  }

  @Test
  void contentTypeIsOpen() {
    assertThat(ContentType.of("MTA")).isEqualTo(ContentType.MTA);
    assertThat(ContentType.of("NEW_KIND").value()).isEqualTo("NEW_KIND");
    assertThatThrownBy(() -> ContentType.of(" ")).isInstanceOf(CalmValidationException.class);
  }

  @Test
  void logSeverityReadsTheApiCodesAndKeepsOthersAsOther() {
    assertThat(LogSeverity.fromCode("F")).isEqualTo(LogSeverity.FATAL);
    assertThat(LogSeverity.fromCode("e")).isEqualTo(LogSeverity.ERROR);
    assertThat(LogSeverity.fromCode("X")).isEqualTo(LogSeverity.OTHER);
    assertThat(LogSeverity.fromCode(null)).isEqualTo(LogSeverity.OTHER);
  }

  @Test
  void importOutcomeIsSuccessfulOnlyWhenEverythingSucceededOrWarned() {
    TransportOutcome ok = new TransportOutcome(TransportRequestId.of(1), TransportStatus.SUCCEEDED, null);
    TransportOutcome warn = new TransportOutcome(TransportRequestId.of(2), TransportStatus.WARNING, null);
    TransportOutcome bad = new TransportOutcome(TransportRequestId.of(3), TransportStatus.ERROR, null);
    ImportOutcome good =
        new ImportOutcome(ActionId.of(9), TransportStatus.WARNING, "I", null, null, null, null, null, java.util.List.of(ok, warn));
    ImportOutcome failed =
        new ImportOutcome(ActionId.of(9), TransportStatus.ERROR, "I", null, null, null, null, null, java.util.List.of(ok, bad));
    assertThat(good.isSuccessful()).isTrue();
    assertThat(failed.isSuccessful()).isFalse();
    assertThat(failed.outcome(TransportRequestId.of(3))).contains(bad);
  }

  @Test
  void optionsRejectAStatusWithTwoTreatments() {
    assertThatThrownBy(
            () ->
                DeploymentOptions.builder()
                    .resetThenImport(java.util.Set.of(TransportStatus.FATAL))
                    .build())
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("fatal");
  }

  @Test
  void optionsNormaliseTrailingSlashesOfPaths() {
    DeploymentOptions o = DeploymentOptions.builder().basePath("/custom/").versionPath("/v2/").build();
    assertThat(o.basePath()).isEqualTo("/custom");
    assertThat(o.versionPath()).isEqualTo("/v2");
    assertThat(DeploymentOptions.defaults().watchInterval()).hasMinutes(5);
  }
}
