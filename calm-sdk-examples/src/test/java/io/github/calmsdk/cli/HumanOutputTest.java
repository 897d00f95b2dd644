package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.testkit.FakeCalm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Human output: aligned tables, each cell starting under its header. */
class HumanOutputTest {
  @TempDir Path dir;
  private CliHarness cli;

  @BeforeEach
  void start() {
    cli = new CliHarness(FakeCalm.start(), dir);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  /** Asserts that in every line each column starts where its header starts, after at least two spaces. */
  private static void assertAligned(List<String> lines) {
    List<Integer> starts = new ArrayList<>();
    Matcher m = Pattern.compile("\\S+").matcher(lines.get(0));
    while (m.find()) {
      starts.add(m.start());
    }
    assertThat(starts).hasSizeGreaterThan(1);
    for (String line : lines.subList(1, lines.size())) {
      for (int s : starts.subList(1, starts.size())) {
        if (s >= line.length()) {
          continue;
        }
        assertThat(line.charAt(s)).as("column at %d in '%s'", s, line).isNotEqualTo(' ');
        assertThat(line.substring(s - 2, s)).as("gap before %d in '%s'", s, line).isEqualTo("  ");
      }
    }
  }

  @Test
  void nodesAreAnAlignedTable() {
    CliRun r = cli.run("nodes");

    assertThat(r.exit()).isZero();
    assertThat(r.lines()).hasSize(4);
    assertThat(r.lines().get(0)).startsWith("ID  NAME  UPLOAD  IMPORT");
    assertAligned(r.lines());
  }

  @Test
  void statusIsAnAlignedTableWithOneRowPerTransportRequest() {
    long a = cli.exportFile("a.mtar");
    long b = cli.exportFile("b.mtar");
    cli.fake.importOutcome(b, "error");
    cli.run("import", "--node", "QAS", "--tr", Long.toString(a), Long.toString(b), "--wait");

    CliRun r = cli.run("status", "--node", "QAS");

    assertThat(r.lines()).hasSize(3);
    assertThat(r.lines().get(1)).startsWith(a + "  succeeded");
    assertThat(r.lines().get(2)).startsWith(b + "  error");
    assertAligned(r.lines());
  }

  @Test
  void anEmptyQueueSaysNone() {
    CliRun r = cli.run("status", "--node", "PRD");

    assertThat(r.lines()).containsExactly("TR  STATUS  CREATED  BY  DESCRIPTION", "(none)");
  }

  @Test
  void anAwaitedImportShowsItsOutcomeTable() {
    long tr = cli.exportFile("a.mtar");

    CliRun r = cli.run("import", "--node", "QAS", "--tr", Long.toString(tr), "--wait");

    assertThat(r.lines()).containsExactly(
        r.lines().get(0), "TR    STATUS", tr + "  succeeded");
    assertThat(r.lines().get(0)).matches("import action \\d+ on node QAS ended succeeded");
    assertThat(r.err()).contains("waiting up to 30m");
  }

  @Test
  void featuresAreAnAlignedTableWithStatusNames() {
    cli.fake.addFeature("P1", "Checkout v2", "IN_TESTING");
    cli.fake.addFeature("P1", "A much longer feature title", null);

    CliRun r = cli.run("features", "list", "--project", "P1");

    assertThat(r.lines()).hasSize(3);
    assertThat(r.lines().get(1)).contains("In Testing (IN_TESTING)");
    assertAligned(r.lines());
  }

  @Test
  void aFeatureIsShownAsAlignedFields() {
    String uuid = cli.fake.addFeature("P1", "Checkout v2", null);

    CliRun r = cli.run("features", "get", uuid);

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("title        Checkout v2").contains("status       Not Planned (NOT_PLANNED)")
        .contains("uuid         " + uuid);
  }

  @Test
  void anUnknownFeatureIsExit4() {
    CliRun r = cli.run("features", "get", "99-99");

    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).contains("no feature with display id 99-99");
  }

  @Test
  void aStatusCodeTheTenantDoesNotKnowIsBadInput() {
    String uuid = cli.fake.addFeature("P1", "Checkout v2", null);

    CliRun r = cli.run("features", "set-status", uuid, "NO_SUCH_STATUS");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("NO_SUCH_STATUS").contains("IN_TESTING");
  }
}
