package io.github.calmsdk.cli;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.testkit.FakeCalm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code calm demo}: the whole flow against a fake Cloud ALM started in-process, narrated step by step. It needs no
 * key, takes a second or two, and leaves nothing behind: the fake is stopped and its temporary directory deleted.
 */
@Command(
    name = "demo",
    description = {
      "the whole flow against an embedded fake Cloud ALM; no key needed",
      "Nodes, export, import with one transport request failing, retry, status changes, status, and features,"
          + " against a fake started in-process and stopped afterwards."
    })
final class DemoCommand implements CliCommand {
  @Override
  public int run(Context context) {
    Output out = context.out();
    long start = System.nanoTime();
    out.line("calm demo: export, import, retry, status changes and features against an embedded fake Cloud ALM");
    Map<String, Object> summary = new LinkedHashMap<>();
    Path dir = tempDir();
    try (FakeCalm fake = FakeCalm.builder().importPollsUntilDone(2).start();
        CalmClient calm = client(fake, context.env())) {
      new DemoFlow(out, fake, calm, dir, summary).run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the demo was interrupted", e);
    } finally {
      delete(dir);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    out.line("done in " + Format.elapsed(took) + "; the fake is stopped and " + dir + " is deleted");
    if (out.json()) {
      summary.put("workDir", dir.toString());
      summary.put("workDirDeleted", !Files.exists(dir));
      summary.put("elapsedMillis", took.toMillis());
      out.document(summary);
    }
    return ExitCode.OK.code;
  }

  /** A client of the fake: short import polls, and the environment's way of waiting. */
  private static CalmClient client(FakeCalm fake, Environment env) {
    return CalmClient.builder()
        .serviceKey(ServiceKey.fromJson(fake.serviceKeyJson()))
        .sleeper(env.sleeper())
        .userAgentSuffix(Context.USER_AGENT)
        .deploymentOptions(DeploymentOptions.builder()
            .pollSchedule(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1))
            .build())
        .build();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("calm-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the demo", e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: the directory is in the temp area
    }
  }
}
