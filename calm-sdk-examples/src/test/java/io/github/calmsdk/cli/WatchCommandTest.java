package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.calmsdk.core.retry.Sleeper;
import io.github.calmsdk.testkit.FakeCalm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * calm watch. The watcher's waits are scripted: each one changes the fake's queue and returns at once, so every
 * poll sees a change; when the script is used up the watcher blocks until it is closed. Nothing waits on a timer.
 */
class WatchCommandTest {
  @TempDir Path dir;
  private CliHarness cli;
  private long tr;

  @BeforeEach
  void start() {
    cli = new CliHarness(FakeCalm.start(), dir);
    tr = cli.exportFile("app.mtar");
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  /** Runs one step per wait; afterwards announces that it is idle and blocks until interrupted. */
  private static final class Script implements Sleeper {
    private final BlockingQueue<Runnable> steps = new LinkedBlockingQueue<>();
    private final List<Duration> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    final CountDownLatch idle = new CountDownLatch(1);

    Script(Runnable... steps) {
      this.steps.addAll(List.of(steps));
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
      asked.add(d);
      Runnable next = steps.poll();
      if (next != null) {
        next.run();
        return;
      }
      idle.countDown();
      new CountDownLatch(1).await();
    }
  }

  private Runnable status(String status) {
    return () -> cli.fake.setTransportRequestStatus(tr, "QAS", status);
  }

  @Test
  void watchPrintsOneJsonDocumentPerChangeAndStopsAfterMaxChanges() {
    Script script = new Script(status("running"), status("error"));
    cli.sleeper(script);

    CliRun r = cli.run("--json", "watch", "--node", "QAS", "--interval", "1m", "--max-changes", "2");

    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> changes = r.jsonLines();
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).get("transportRequestId").asLong()).isEqualTo(tr);
    assertThat(changes.get(0).get("from").asText()).isEqualTo("initial");
    assertThat(changes.get(0).get("to").asText()).isEqualTo("running");
    assertThat(changes.get(1).get("to").asText()).isEqualTo("error");
    assertThat(script.asked).first().isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void watchPrintsOneAlignedLinePerChangeForPeople() {
    cli.sleeper(new Script(status("running"), status("error")));

    CliRun r = cli.run("watch", "--node", "QAS", "--max-changes", "2");

    assertThat(r.exit()).isZero();
    assertThat(r.lines()).hasSize(2);
    assertThat(r.lines().get(0)).matches("\\S+Z  QAS  TR " + tr + " +initial +-> running");
    assertThat(r.lines().get(1)).matches("\\S+Z  QAS  TR " + tr + " +running +-> error");
    assertThat(r.lines().get(0).indexOf("->")).isEqualTo(r.lines().get(1).indexOf("->"));
    assertThat(r.err()).contains("watching node QAS").contains("every 30s");
  }

  @Test
  void ctrlCClosesTheWatcherAndTheCommandEndsCleanly() throws Exception {
    Script script = new Script(status("running"));
    CompletableFuture<Runnable> registered = new CompletableFuture<>();
    cli.sleeper(script).interrupts(action -> {
      registered.complete(action);
      return () -> {};
    });

    // threads of their own, as main and a shutdown hook have: blocking the common pool's only worker on a
    // two-core machine starves the JDK 25 HttpClient's sendAsync, which completes through that pool
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<CliRun> run = threads.submit(() -> cli.run("watch", "--node", "QAS"));
      assertThat(script.idle.await(10, TimeUnit.SECONDS)).as("the watcher polled twice and waits").isTrue();
      Runnable ctrlC = registered.get(10, TimeUnit.SECONDS);
      Future<?> hook = threads.submit(ctrlC);

      CliRun r = run.get(10, TimeUnit.SECONDS);
      hook.get(10, TimeUnit.SECONDS);
      assertThat(r.exit()).isZero();
      assertThat(r.lines()).singleElement().asString().contains("initial").contains("running");
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void anAuthorizationFailureWhilePollingEndsTheWatchWithExit3() {
    cli.sleeper(new Script(() -> cli.fake.faults().on("GET", ".+/transportRequests").status(403).always()));

    CliRun r = cli.run("watch", "--node", "QAS");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("403").contains("calm doctor");
  }

  @Test
  void aBadIntervalIsBadUsage() {
    CliRun r = cli.run("watch", "--node", "QAS", "--interval", "0s");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--interval: '0s' must be longer than zero");
  }
}
