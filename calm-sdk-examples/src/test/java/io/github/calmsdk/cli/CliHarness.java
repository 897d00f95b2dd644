package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.calmsdk.core.retry.Sleeper;
import io.github.calmsdk.testkit.FakeCalm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Runs the command line in-process against a FakeCalm, with a key file, a sleeper that never waits and no
 * terminal, and checks after every run that neither stdout nor stderr holds the client secret or a token.
 */
final class CliHarness implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  final FakeCalm fake;
  final Path dir;
  final Path keyFile;
  /** Every wait the SDK asked for; none of them happened. */
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private Sleeper sleeper = sleeps::add;
  private Interrupts interrupts = action -> () -> {};
  private boolean terminal;

  CliHarness(FakeCalm fake, Path dir) {
    this.fake = fake;
    this.dir = dir;
    this.keyFile = writeKey("key.json", k -> k);
  }

  /** Writes the fake's key, changed by the function, and returns its path. */
  Path writeKey(String name, UnaryOperator<ObjectNode> change) {
    try {
      ObjectNode key = (ObjectNode) MAPPER.readTree(fake.serviceKeyJson());
      Path file = dir.resolve(name);
      Files.writeString(file, MAPPER.writeValueAsString(change.apply(key)));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the fake's Cloud Transport Management (CTMS) key ({@code uri} and {@code uaa}) and returns its path. */
  Path writeCtmsKey(String name) {
    return writeCtmsKey(name, k -> k);
  }

  /** Writes the fake's CTMS key, changed by the function, and returns its path. */
  Path writeCtmsKey(String name, UnaryOperator<ObjectNode> change) {
    try {
      ObjectNode key = (ObjectNode) MAPPER.readTree(fake.ctmsServiceKeyJson());
      Path file = dir.resolve(name);
      Files.writeString(file, MAPPER.writeValueAsString(change.apply(key)));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  CliHarness sleeper(Sleeper s) {
    this.sleeper = s;
    return this;
  }

  CliHarness interrupts(Interrupts i) {
    this.interrupts = i;
    return this;
  }

  CliHarness terminal(boolean t) {
    this.terminal = t;
    return this;
  }

  /** Runs with {@code --service-key} pointing at the fake's key. */
  CliRun run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--service-key";
    all[1] = keyFile.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return runWith(Map.of(), all);
  }

  /** Runs exactly these arguments with these environment variables. */
  CliRun runWith(Map<String, String> variables, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Environment env = new Environment(variables, terminal, sleeper, interrupts);
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = Calm.run(args, o, e, env);
    }
    CliRun run = new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    assertNoSecret(run.out() + run.err(), fake);
    return run;
  }

  /** Neither the client secret nor a token (a JWT starts with "eyJ") nor an Authorization header. */
  static void assertNoSecret(String text, FakeCalm fake) {
    assertThat(text)
        .doesNotContain(fake.clientSecret())
        .doesNotContain("eyJ")
        .doesNotContainIgnoringCase("bearer ")
        .doesNotContain("clientsecret\":");
  }

  /** Exports a small file to DEV through the command line and returns the new transport request id. */
  long exportFile(String name) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, "content of " + name);
      CliRun r = run("--json", "export", "--node", "DEV", "--file", file.toString());
      assertThat(r.exit()).as(r.err()).isZero();
      return r.json().get("transportRequestId").asLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    fake.close();
  }
}
