package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * calm generate-completion: the script is sourced in a real bash, and the completion function it registers for
 * {@code calm} is called as bash calls it on TAB (COMP_WORDS, COMP_CWORD), so a broken script fails here.
 */
class CompletionTest {
  @TempDir Path dir;
  private Path script;

  @BeforeEach
  void generate() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = Calm.run(new String[] {"generate-completion"}, o, e, Map.of());
    }
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    script = dir.resolve("calm-completion.bash");
    Files.writeString(script, out.toString(StandardCharsets.UTF_8));
  }

  /**
   * What bash offers on TAB after these words: the script is sourced, the function registered for calm with
   * {@code complete -F} is looked up and called with the words, and COMPREPLY is printed one per line. Sourcing
   * must work and must register completion for calm (else exit 3 or 4).
   */
  private List<String> complete(String... words) throws Exception {
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append(" '").append(w).append("'");
    }
    String line = String.join(" ", words);
    String program = String.join("\n",
        "source \"$1\" || exit 3",
        "spec=$(complete -p calm) || exit 4",
        "compopt() { return 0; }  # the builtin works only while bash itself completes; it sets no candidates",
        "fn=$(printf '%s' \"$spec\" | sed -E 's/.*-F ([^ ]+).*/\\1/')",
        "COMP_WORDS=(" + array + " )",
        "COMP_CWORD=" + (words.length - 1),
        "COMP_LINE='" + line + "'",
        "COMP_POINT=${#COMP_LINE}",
        "COMPREPLY=()",
        "\"$fn\" calm \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"",
        "printf '%s\\n' \"${COMPREPLY[@]}\"");
    Process p = new ProcessBuilder("bash", "-c", program, "bash", script.toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    List<String> offered = new ArrayList<>();
    output.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(offered::add);
    return offered;
  }

  @Test
  void completingCalmOffersEverySubcommand() throws Exception {
    assertThat(complete("calm", "")).contains(
        "doctor", "nodes", "export", "import", "retry", "status", "watch", "features", "demo", "fake",
        "generate-completion", "help");
  }

  @Test
  void completingAPrefixOffersOnlyTheMatchingSubcommands() throws Exception {
    assertThat(complete("calm", "st")).containsExactly("status");
  }

  @Test
  void completingAnOptionOfACommandOffersItsOwnAndTheGlobalOptions() throws Exception {
    assertThat(complete("calm", "import", "--")).contains("--node", "--all", "--tr", "--wait", "--json",
        "--service-key", "--verbose", "--help");
  }

  @Test
  void completingANestedCommandOffersItsSubcommands() throws Exception {
    assertThat(complete("calm", "features", "")).contains("list", "get", "set-status", "parent", "statuses");
  }

  @Test
  void completingAStatusOffersTheStatusNames() throws Exception {
    assertThat(complete("calm", "status", "--status", "")).contains("error", "fatal", "succeeded");
  }
}
