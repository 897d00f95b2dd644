package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.core.internal.SdkVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The help of every command of the tree is what its parser accepts: each command answers --help and --version, its
 * help names each of its options and parameters, and the top-level help lists every command. The tree is walked
 * from the parser's own model, so a command added later is checked without changing this test.
 */
class CommandTreeHelpTest {
  private static final Environment ENV = new Environment(Map.of(), false, d -> { }, action -> () -> { });

  private static CliRun run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = Calm.run(args, o, e, ENV);
    }
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every command of the tree below the root, as the words that name it, such as [features, list]. */
  private static List<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    collect(Calm.commandLine(System.out, System.err, ENV), new ArrayList<>(), all);
    return all;
  }

  private static void collect(CommandLine c, List<String> path, List<List<String>> all) {
    for (Map.Entry<String, CommandLine> sub : c.getSubcommands().entrySet()) {
      List<String> p = new ArrayList<>(path);
      p.add(sub.getKey());
      all.add(p);
      collect(sub.getValue(), p, all);
    }
  }

  private static CommandLine find(List<String> path) {
    CommandLine c = Calm.commandLine(System.out, System.err, ENV);
    for (String name : path) {
      c = c.getSubcommands().get(name);
    }
    return c;
  }

  @Test
  void theTreeHoldsTheDocumentedCommands() {
    assertThat(commands()).extracting(p -> String.join(" ", p)).contains(
        "doctor", "nodes", "export", "import", "retry", "status", "watch", "features", "features list",
        "features get", "features set-status", "features parent", "features statuses", "demo", "fake",
        "generate-completion", "help");
  }

  @Test
  void theTopLevelHelpListsEveryCommandAndEveryGlobalOption() {
    CliRun r = run("--help");
    CommandLine root = Calm.commandLine(System.out, System.err, ENV);

    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    for (String name : root.getSubcommands().keySet()) {
      assertThat(r.out()).as("command %s", name).containsPattern("\\n  " + name + " ");
    }
    for (OptionSpec o : root.getCommandSpec().options()) {
      assertThat(r.out()).as("option %s", o.longestName()).contains(o.longestName());
    }
  }

  @Test
  void everyCommandsHelpNamesEachOptionAndParameterItsParserAccepts() {
    for (List<String> path : commands()) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliRun r = run(args.toArray(String[]::new));
      CommandLine c = find(path);

      assertThat(r.exit()).as("%s --help", path).isZero();
      assertThat(r.err()).as("%s --help", path).isEmpty();
      assertThat(r.out()).startsWith("usage: calm " + String.join(" ", path));
      for (OptionSpec o : c.getCommandSpec().options()) {
        assertThat(r.out()).as("%s: option %s", path, o.longestName()).contains(o.longestName());
      }
      for (PositionalParamSpec p : c.getCommandSpec().positionalParameters()) {
        assertThat(r.out()).as("%s: parameter %s", path, p.paramLabel()).contains(p.paramLabel());
      }
      for (String sub : c.getSubcommands().keySet()) {
        assertThat(r.out()).as("%s: subcommand %s", path, sub).containsPattern("\\n  " + sub + " ");
      }
    }
  }

  @Test
  void everyCommandAnswersVersionWithTheSdksVersion() {
    assertThat(SdkVersion.get()).isNotEqualTo("unknown");
    List<List<String>> all = commands();
    all.add(List.of());
    for (List<String> path : all) {
      List<String> args = new ArrayList<>(path);
      args.add("--version");
      CliRun r = run(args.toArray(String[]::new));

      assertThat(r.exit()).as("%s --version", path).isZero();
      assertThat(r.out()).as("%s --version", path).startsWith("calm " + SdkVersion.get() + " ");
    }
  }

  @Test
  void theOptionsThatUsedToBeMissingFromTheTopLevelSummaryAreInTheirCommandsHelp() {
    assertThat(run("watch", "--help").out()).contains("--max-changes=N").contains("--interval=DURATION");
    assertThat(run("features", "--help").out()).containsPattern("\\n  set-status ").containsPattern("\\n  parent ");
    assertThat(run("features", "get", "--help").out()).contains("--project=ID").contains("UUID|DISPLAY-ID");
    assertThat(run("features", "set-status", "--help").out()).contains("UUID|DISPLAY-ID").contains("CODE|NAME");
  }

  @Test
  void globalOptionsAreAcceptedAfterANestedSubcommandToo() {
    CommandLine cl = Calm.commandLine(System.out, System.err, ENV);
    cl.parseArgs("features", "list", "--project", "P1", "--json", "--service-key", "k.json", "--verbose");
    RootCommand root = cl.getCommand();

    assertThat(root.json).isTrue();
    assertThat(root.verbose).isTrue();
    assertThat(root.serviceKey).isEqualTo("k.json");
  }
}
