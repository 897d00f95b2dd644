package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.TransportStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading words into typed values: nodes, statuses, durations and options. */
class InputsTest {
  @Test
  void aNumberIsANodeIdAndAnythingElseANodeName() {
    assertThat(Inputs.node("--node", "17")).isEqualTo(NodeId.of(17));
    assertThat(Inputs.node("--node", "QAS_1")).isEqualTo(NodeName.of("QAS_1"));
  }

  @Test
  void statusesAreReadByTheirNamesOrQueryCodes() {
    assertThat(Inputs.statuses("--status", List.of("repeatable", "ERROR", "fa", "repeat")))
        .containsExactly(TransportStatus.REPEATABLE, TransportStatus.ERROR, TransportStatus.FATAL);
  }

  @Test
  void unknownIsNotAStatusOneCanFilterOn() {
    assertThatThrownBy(() -> Inputs.statuses("--status", List.of("unknown")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'unknown' is not a status");
  }

  @Test
  void contentTypesAreTheDocumentedOnesInAnyCase() {
    assertThat(Inputs.contentType("--content-type", "xscdu")).isEqualTo(ContentType.XSCDU);
    assertThatThrownBy(() -> Inputs.contentType("--content-type", "ZIP")).hasMessageContaining("MTA, BTP_ABAP, APP");
  }

  @Test
  void durationsAreReadInShortAndIsoForm() {
    assertThat(Durations.parse("--wait", "90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("--wait", "5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("--wait", "1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("--wait", "PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
  }

  @Test
  void multiValueOptionsTakeWordsUntilTheNextOptionAndCommaLists() {
    Args a = Args.parse(List.of("--tr", "1", "2,3", "--file", "a,b.mtar", "--wait"),
        Set.of(), Set.of(), Set.of("--tr", "--file"), Set.of("--wait"));

    assertThat(a.values("--tr")).containsExactly("1", "2", "3");
    assertThat(a.raw("--file")).containsExactly("a,b.mtar");
    assertThat(a.has("--wait")).isTrue();
    assertThat(a.value("--wait")).isEmpty();
  }
}
