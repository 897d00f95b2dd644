package io.github.calmsdk.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.relay.internal.Backoff;
import io.github.calmsdk.testkit.FakeTransportRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
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
  void importsIntoOneNodeGoOutInSubmitOrderAndCarryTheirActionIds() {
    relay.submit(fx.export("A"));
    relay.submit(fx.export("B"));
    relay.runOnce();
    List<Long> trs = relay.list().stream().map(e -> e.transportRequestId().orElseThrow().value()).toList();
    long first = relay.submit(ImportRequest.of(NodeName.of("QAS"), TransportRequestId.of(trs.get(1))));
    long second = relay.submit(ImportRequest.of(NodeName.of("QAS"), TransportRequestId.of(trs.get(0))));

    relay.runOnce();

    assertThat(relay.entry(first).orElseThrow().actionId()).isPresent();
    assertThat(relay.entry(second).orElseThrow().actionId()).isPresent();
    List<String> imports = fx.fake.requests().stream()
        .filter(q -> q.path().endsWith("/transportRequests/import")).map(q -> q.body()).toList();
    assertThat(imports).hasSize(2);
    assertThat(imports.get(0)).contains(Long.toString(trs.get(1)));
    assertThat(imports.get(1)).contains(Long.toString(trs.get(0)));
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
