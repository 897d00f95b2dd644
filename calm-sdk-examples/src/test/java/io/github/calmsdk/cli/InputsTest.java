package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.deployment.TransportRequestId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Reading words into typed values: nodes, statuses, durations and options. */
class InputsTest {
  @Test
  void aNumberIsANodeIdAndAnythingElseANodeName() {
    assertThat(Inputs.node("17")).isEqualTo(NodeId.of(17));
    assertThat(Inputs.node("QAS_1")).isEqualTo(NodeName.of("QAS_1"));
  }

  @Test
  void statusesAreReadByTheirNamesOrQueryCodes() {
    Set<TransportStatus> statuses = Stream.of("repeatable", "ERROR", "fa", "repeat").map(Inputs::status)
        .collect(Collectors.toCollection(LinkedHashSet::new));

    assertThat(statuses).containsExactly(TransportStatus.REPEATABLE, TransportStatus.ERROR, TransportStatus.FATAL);
  }

  @Test
  void unknownIsNotAStatusOneCanFilterOn() {
    assertThatThrownBy(() -> Inputs.status("unknown"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'unknown' is not a status");
  }

  @Test
  void contentTypesAreTheDocumentedOnesInAnyCase() {
    assertThat(Inputs.contentType("xscdu")).isEqualTo(ContentType.XSCDU);
    assertThatThrownBy(() -> Inputs.contentType("ZIP")).hasMessageContaining("MTA, BTP_ABAP, APP");
  }

  @Test
  void durationsAreReadInShortAndIsoForm() {
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
  }

  @Test
  void multiValueOptionsTakeWordsUntilTheNextOptionAndCommaLists() {
    CommandLine cl = Calm.commandLine(System.out, System.err,
        new Environment(Map.of(), false, d -> { }, action -> () -> { }));
    ImportCommand imp = cl.parseArgs("import", "--node", "QAS", "--tr", "1", "2,3", "--wait").subcommand()
        .commandSpec().commandLine().getCommand();
    CommandLine again = Calm.commandLine(System.out, System.err,
        new Environment(Map.of(), false, d -> { }, action -> () -> { }));
    ExportCommand exp = again.parseArgs("export", "--node", "DEV", "--file", "a,b.mtar", "c.mtar", "--upload-only")
        .subcommand().commandSpec().commandLine().getCommand();

    assertThat(imp.selection.transportRequests)
        .containsExactly(TransportRequestId.of(1), TransportRequestId.of(2), TransportRequestId.of(3));
    assertThat(imp.wait).as("--wait without a value waits the default").isEqualTo(Duration.ofMinutes(30));
    assertThat(exp.files).as("paths are not split at commas").containsExactly(Path.of("a,b.mtar"), Path.of("c.mtar"));
    assertThat(exp.uploadOnly).isTrue();
  }
}
