package io.github.calmsdk.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.RetryRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.relay.internal.Backoff;
import io.github.calmsdk.testkit.FakeTransportRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayTest {
  @TempDir Path dir;
  Fixture fx;
  RelayStore store;
  Relay relay;

  @BeforeEach
  void start() {
    fx = new Fixture(dir);
    store = fx.sqlite();
    relay = fx.relay(store, fx.options().build());
  }

  @AfterEach
  void stop() {
    relay.close();
    store.close();
    fx.close();
  }

  @Test
  void submitStoresAPendingEntryAndSendsNothing() throws Exception {
    long id = relay.submit(fx.export("App 1"));

    RelayEntry e = relay.entry(id).orElseThrow();
    assertThat(e.state()).isEqualTo(EntryState.PENDING);
    assertThat(e.kind()).isEqualTo(EntryKind.EXPORT);
    assertThat(fx.fake.requests()).isEmpty();
    try (var spooled = Files.list(dir.resolve("spool"))) {
      assertThat(spooled.toList()).singleElement().satisfies(p -> assertThat(p.toString()).endsWith("App 1.mtar"));
    }
  }

  @Test
  void badInputIsRefusedWithTheFieldAndNothingIsStored() throws Exception {
    ExportRequest r = fx.export("Gone");
    Files.delete(r.files().get(0));

    assertThatThrownBy(() -> relay.submit(r))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("files[0]"));
    assertThatThrownBy(() -> relay.submit((ImportRequest) null))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("request"));
    assertThat(relay.list()).isEmpty();
  }

  @Test
  void anExportGoesOutAsUploadThenCreateAndItsStepsArePersisted() {
    long id = relay.submit(fx.export("App 2"));

    RelayRun run = relay.runOnce();

    assertThat(run).isEqualTo(new RelayRun(1, 0, 0, 0, 0));
    RelayEntry e = relay.entry(id).orElseThrow();
    assertThat(e.state()).isEqualTo(EntryState.DELIVERED);
    FakeTransportRequest tr = fx.fake.transportRequests().get(0);
    assertThat(e.transportRequestId()).contains(TransportRequestId.of(tr.id()));
    assertThat(e.fileIds()).hasSize(1);
    assertThat(tr.entryUris()).containsExactly(Long.toString(e.fileIds().get(0)));
    assertThat(dir.resolve("spool").toFile().list()).isEmpty();
  }

  @Test
  void referencingInPlaceKeepsTheCallersFile() {
    ExportRequest r = fx.export("In place");
    long id = relay.submit(r, SpoolMode.IN_PLACE);
    relay.runOnce();
    assertThat(relay.entry(id).orElseThrow().state()).isEqualTo(EntryState.DELIVERED);
    assertThat(r.files().get(0)).exists();
  }

  @Test
  void anImportInBackoffHoldsBackTheNodesLaterImportSoTheyGoOutInSubmitOrder() {
    relay.submit(fx.export("A"));
    relay.submit(fx.export("B"));
    relay.runOnce();
    List<Long> trs = relay.list().stream().map(e -> e.transportRequestId().orElseThrow().value()).toList();
    // 429: refused before processing, so retried later (a 503 on a POST is an unknown outcome, settled by reading)
    var throttled = fx.fake.faults().on("POST", ".+/transportRequests/import").status(429).always();
    long first = relay.submit(ImportRequest.of(NodeName.of("QAS"), TransportRequestId.of(trs.get(1))));
    long second = relay.submit(ImportRequest.of(NodeName.of("QAS"), TransportRequestId.of(trs.get(0))));

    RelayRun run = relay.runDue();

    // the first failed and waits for its backoff; the second, though due and in the same package, was not sent
    assertThat(run.retried()).isEqualTo(1);
    RelayEntry waiting = relay.entry(first).orElseThrow();
    assertThat(waiting.state()).isEqualTo(EntryState.PENDING);
    assertThat(waiting.attempts()).isEqualTo(1);
    assertThat(relay.entry(second).orElseThrow().attempts()).isZero();
    assertThat(importBodies()).isNotEmpty().allSatisfy(b -> assertThat(b).contains(Long.toString(trs.get(1)))
        .doesNotContain(Long.toString(trs.get(0))));

    throttled.cancel();
    int before = importBodies().size();
    fx.clock.set(waiting.nextAttemptAt());
    relay.runDue();

    assertThat(relay.entry(first).orElseThrow().actionId()).isPresent();
    assertThat(relay.entry(second).orElseThrow().actionId()).isPresent();
    List<String> after = importBodies().subList(before, importBodies().size());
    assertThat(after).hasSize(2);
    assertThat(after.get(0)).contains(Long.toString(trs.get(1)));
    assertThat(after.get(1)).contains(Long.toString(trs.get(0)));
  }

  private List<String> importBodies() {
    return fx.fake.requests().stream()
        .filter(q -> q.method().equals("POST") && q.path().endsWith("/transportRequests/import"))
        .map(q -> q.body()).toList();
  }

  @Test
  void wakeStartsAPassAtOnceInsteadOfWaitingTheInterval() throws Exception {
    try (Relay waking = fx.relay(store, fx.options().interval(Duration.ofHours(1)).owner("waking").build())) {
      long early = waking.submit(fx.export("Early"));
      Thread runner = new Thread(waking::run, "relay-run");
      runner.start();
      awaitDelivered(waking, early); // the first pass, at once; then run() waits its hour

      long late = waking.submit(fx.export("Late"));
      waking.wake();

      awaitDelivered(waking, late);
      waking.stop();
      runner.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(runner.isAlive()).isFalse();
    }
  }

  @Test
  void sendAtOnceStartsAPassOnEachSubmit() throws Exception {
    try (Relay eager = fx.relay(store,
        fx.options().interval(Duration.ofHours(1)).sendAtOnce(true).owner("eager").build())) {
      long early = eager.submit(fx.export("Early"));
      Thread runner = new Thread(eager::run, "relay-run");
      runner.start();
      awaitDelivered(eager, early);

      long late = eager.submit(fx.export("Late")); // no wake(): submitting wakes it

      awaitDelivered(eager, late);
      eager.stop();
      runner.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(runner.isAlive()).isFalse();
    }
  }

  /** Waits (bounded: the relay's interval is an hour, so only a pass started at once gets there) for delivery. */
  private static void awaitDelivered(Relay r, long id) {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      while (r.entry(id).orElseThrow().state() != EntryState.DELIVERED) {
        Thread.sleep(5); // polls the store for an event, not a timer under test
      }
    });
  }

  @Test
  void anEntryOlderThanTheMaximumAgeFailsWithoutBeingSent() {
    Relay aging = fx.relay(store, fx.options().maxAge(Duration.ofHours(2)).owner("aging").build());
    long id = aging.submit(fx.export("Stale"));

    fx.clock.advance(Duration.ofHours(2).plusSeconds(1));
    RelayRun run = aging.runDue();

    assertThat(run.failed()).isEqualTo(1);
    RelayEntry e = aging.entry(id).orElseThrow();
    assertThat(e.state()).isEqualTo(EntryState.FAILED);
    assertThat(e.lastError()).get().asString().contains("older than PT2H");
    assertThat(fx.fake.requests()).isEmpty();
  }

  @Test
  void aStoreOverADataSourceKeepsEntriesInThatDatabase() throws Exception {
    Path file = dir.resolve("ds.db");
    String url = "jdbc:sqlite:" + file;
    javax.sql.DataSource ds = new DriverManagerDataSource(url);
    long id;
    try (RelayStore viaDs = RelayStore.of(ds); Relay r = fx.relay(viaDs, fx.options().owner("ds").build())) {
      assertThat(viaDs.schemaVersion()).isEqualTo(1);
      id = r.submit(fx.export("Via DataSource"));
      assertThat(r.runOnce().delivered()).isEqualTo(1);
    }
    try (RelayStore direct = RelayStore.sqlite(file, fx.clock); Relay r = fx.relay(direct, fx.options().build())) {
      assertThat(r.entry(id).orElseThrow().state()).isEqualTo(EntryState.DELIVERED);
    }
    assertThat(fx.fake.transportRequests()).hasSize(1);
  }

  /** The smallest DataSource: a new connection from DriverManager each time. */
  private static final class DriverManagerDataSource implements javax.sql.DataSource {
    private final String url;

    DriverManagerDataSource(String url) {
      this.url = url;
    }

    @Override
    public java.sql.Connection getConnection() throws java.sql.SQLException {
      return java.sql.DriverManager.getConnection(url);
    }

    @Override
    public java.sql.Connection getConnection(String user, String password) throws java.sql.SQLException {
      return getConnection();
    }

    @Override
    public java.io.PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(java.io.PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public java.util.logging.Logger getParentLogger() {
      return java.util.logging.Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws java.sql.SQLException {
      throw new java.sql.SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }

  @Test
  void badRetryInputIsRefusedWithTheFieldAndNothingIsStored() {
    assertThatThrownBy(() -> relay.submit((RetryRequest) null))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("request"));
    assertThatThrownBy(() -> relay.submit(RetryRequest.of(NodeName.of("QAS"), List.of())))
        .isInstanceOfSatisfying(CalmValidationException.class,
            e -> assertThat(e.field()).isEqualTo("transportRequests"));
    assertThatThrownBy(() -> relay.submit(RetryRequest.of(null, TransportRequestId.of(4711))))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("node"));

    assertThat(relay.list()).isEmpty();
    assertThat(fx.fake.requests()).isEmpty();
  }

  @Test
  void aPermanent4xxFailsTheEntryWithItsErrorAndRequeueSendsItAgain() {
    var refused = fx.fake.faults().on("POST", ".+/v2/nodes/export").status(400).once();
    long id = relay.submit(fx.export("Refused"));

    RelayRun run = relay.runOnce();

    assertThat(run.failed()).isEqualTo(1);
    assertThat(run.exitCode()).isEqualTo(1);
    RelayEntry failed = relay.entry(id).orElseThrow();
    assertThat(failed.state()).isEqualTo(EntryState.FAILED);
    assertThat(failed.lastError()).get().asString().contains("refused by Cloud ALM").contains("400");
    assertThat(refused.fired()).isEqualTo(1);

    relay.requeue(id);
    relay.runOnce();

    assertThat(relay.entry(id).orElseThrow().state()).isEqualTo(EntryState.DELIVERED);
    assertThat(fx.fake.transportRequests()).hasSize(1);
    assertThatThrownBy(() -> relay.requeue(id))
        .isInstanceOf(CalmValidationException.class).hasMessageContaining("delivered");
  }

  @Test
  void aLostCreateAnswerIsSettledFromTheQueuesWithoutASecondTransportRequest() {
    fx.fake.faults().on("POST", ".+/v2/nodes/export").dropResponseAfterProcessing().once();
    long id = relay.submit(fx.export("Lost"));

    relay.runOnce();

    RelayEntry e = relay.entry(id).orElseThrow();
    assertThat(e.state()).isEqualTo(EntryState.DELIVERED);
    assertThat(fx.fake.transportRequests()).hasSize(1);
    assertThat(e.transportRequestId()).contains(TransportRequestId.of(fx.fake.transportRequests().get(0).id()));
    assertThat(e.checks()).anySatisfy(c -> assertThat(c).contains("found"));
    assertThat(fx.fake.requestCount("POST", ".+/v2/nodes/export")).isEqualTo(1);
  }

  @Test
  void aLostCreateAnswerThatReadingCannotSettleBecomesUnresolvedWithWhatWasChecked() {
    fx.fake.faults().on("POST", ".+/v2/nodes/export").connectionReset().once();
    long id = relay.submit(fx.export("Unknown"));

    RelayRun run = relay.runOnce();

    assertThat(run.unresolved()).isEqualTo(1);
    RelayEntry e = relay.entry(id).orElseThrow();
    assertThat(e.state()).isEqualTo(EntryState.UNRESOLVED);
    assertThat(e.checks()).anySatisfy(c -> assertThat(c).contains("no transport request with these entries"));
    assertThat(e.lastError()).get().asString().contains("the answer to the create call was lost");
    assertThat(fx.fake.requestCount("POST", ".+/v2/nodes/export")).isEqualTo(1);
  }

  @Test
  void afterMaxAttemptsAnEntryFailsKeepingItsLastError() {
    fx.fake.faults().on("POST", ".+/v2/files/upload").status(503).always();
    Relay limited = fx.relay(store, fx.options().maxAttempts(3).owner("limited").build());
    long id = limited.submit(fx.export("Flaky"));

    for (int i = 0; i < 3; i++) {
      limited.runOnce();
    }

    RelayEntry e = limited.entry(id).orElseThrow();
    assertThat(e.state()).isEqualTo(EntryState.FAILED);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.lastError()).get().asString().contains("gave up after 3 attempts").contains("503");
  }

  @Test
  void backoffIsFullJitterUnderACappedCeiling() {
    Backoff b = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30), new SplittableRandom(1));
    assertThat(b.ceilingMillis(1)).isEqualTo(30_000);
    assertThat(b.ceilingMillis(3)).isEqualTo(120_000);
    assertThat(b.ceilingMillis(30)).isEqualTo(1_800_000);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 2000; i++) {
      long d = b.delayMillis(4);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertThat(min).isLessThan(24_000);
    assertThat(max).isGreaterThan(216_000).isLessThanOrEqualTo(240_000);
  }

  @Test
  void dueEntriesWaitForTheirBackoffOnTheClock() {
    fx.fake.faults().on("POST", ".+/v2/files/upload").status(503).once();
    long id = relay.submit(fx.export("Later"));

    relay.runDue();
    RelayEntry waiting = relay.entry(id).orElseThrow();
    assertThat(waiting.state()).isEqualTo(EntryState.PENDING);
    relay.runDue();
    assertThat(relay.entry(id).orElseThrow().attempts()).isEqualTo(1);

    fx.clock.set(waiting.nextAttemptAt());
    relay.runDue();
    assertThat(relay.entry(id).orElseThrow().state()).isEqualTo(EntryState.DELIVERED);
  }
}
