package io.github.calmsdk.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.testkit.FakeCalm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several relay nodes on one real PostgreSQL. */
class PostgresNodesTest {
  @TempDir Path dir;

  /** Thrown from a node's hook: the node dies mid-step, leaving its claims in flight. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;
  }

  private static ExportRequest ref(String name) {
    return ExportRequest.builder().node("DEV").reference("https://repo.example.com/" + name)
        .contentType(ContentType.MTA).description(name).build();
  }

  @Test
  void threeNodesDeliverEachOf2000EntriesExactlyOnceWhileOneDiesMidRun() throws Exception {
    Pg.requireClean();
    try (Fixture fx = new Fixture(dir, FakeCalm.builder().importPollsUntilDone(0).start())) {
      int n = 2000;
      try (RelayStore store = Pg.openStore(); Relay submitter = fx.relay(store, fx.options().build())) {
        for (int i = 0; i < n; i++) {
          submitter.submit(ref("multi-" + i));
        }
      }
      AtomicInteger answered = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      List<RelayStore> stores = new ArrayList<>();
      ConcurrentHashMap<String, Integer> deliveredBy = new ConcurrentHashMap<>();
      for (int node = 1; node <= 3; node++) {
        RelayStore store = Pg.openStore();
        stores.add(store);
        String owner = "node-" + node;
        Relay.Builder b = Relay.builder().client(fx.calm).store(store)
            .options(RelayOptions.builder().owner(owner).packageSize(20).lease(Duration.ofSeconds(10))
                .clock(java.time.Clock.systemUTC()).build());
        if (node == 3) {
          b.hook((point, id) -> {
            if (point == io.github.calmsdk.relay.internal.StepHook.Point.AFTER_CREATE_ANSWER
                && answered.incrementAndGet() == 150) {
              throw new Killed();
            }
          });
        }
        Relay relay = b.build();
        Thread t = new Thread(() -> {
          try {
            while (store.jdbc().open() > 0) {
              RelayRun run = relay.runDue();
              deliveredBy.merge(owner, run.delivered(), Integer::sum);
              if (run.delivered() + run.failed() + run.unresolved() + run.retried() == 0) {
                // nothing claimable: the dead node's claims wait for their lease; don't spin on 2 cores
                Thread.sleep(50);
              }
            }
          } catch (Killed dead) {
            deliveredBy.merge(owner + " (killed)", 1, Integer::sum);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }, owner);
        threads.add(t);
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join(TimeUnit.MINUTES.toMillis(10)); // bounds a hang only: about 15 s unloaded, 80 s at load 12
        assertThat(t.isAlive()).as(t.getName()).isFalse();
      }
      stores.forEach(RelayStore::close);

      System.out.println("PostgresNodesTest: delivered by " + deliveredBy);
      assertThat(deliveredBy).containsKey("node-3 (killed)");
      assertThat(fx.fake.transportRequests()).hasSize(n);
      assertThat(fx.descriptions()).doesNotHaveDuplicates();
      assertThat(fx.fake.requestCount("POST", ".+/v2/nodes/export")).isEqualTo(n);
      try (RelayStore store = Pg.openStore(); Relay reader = fx.relay(store, fx.options().build())) {
        assertThat(reader.list(EntryState.DELIVERED)).hasSize(n);
      }
    }
  }

  @Test
  void aPostgresqlRestartMidRunIsAClearErrorAndNothingIsLost() throws Exception {
    Pg.requireClean();
    String restart = System.getenv("CALM_TEST_PG_RESTART");
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(restart).as("CALM_TEST_PG_RESTART from .ci/run").isNotBlank();
    }
    Assumptions.assumeTrue(restart != null && !restart.isBlank(), "CALM_TEST_PG_RESTART is not set");
    java.util.concurrent.atomic.AtomicBoolean restarted = new java.util.concurrent.atomic.AtomicBoolean();
    try (Fixture fx = new Fixture(dir)) {
      try (RelayStore store = Pg.openStore()) {
        Relay relay = Relay.builder().client(fx.calm).store(store)
            .options(fx.options().packageSize(5).build())
            .hook((point, id) -> {
              // once: entry 12 is met again by the next pass, which must find the database back
              if (id == 12 && point == io.github.calmsdk.relay.internal.StepHook.Point.BEFORE_CREATE
                  && restarted.compareAndSet(false, true)) {
                run(restart);
              }
            }).build();
        for (int i = 0; i < 30; i++) {
          relay.submit(ref("restart-" + i));
        }

        assertThatThrownBy(relay::runOnce).isInstanceOf(RelayStoreException.class)
            .hasMessageContaining("unreachable").hasMessageContaining("entries stored earlier are safe")
            .hasMessageNotContaining(Pg.PASSWORD + "@");

        RelayRun after = relay.runOnce();
        assertThat(after.pending()).isZero();
        assertThat(relay.list(EntryState.DELIVERED)).hasSize(30);
      }
      assertThat(fx.descriptions()).hasSize(30).doesNotHaveDuplicates();
    }
  }

  private static void run(String command) {
    try {
      Process p = new ProcessBuilder("sh", "-c", command).inheritIO().start();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
