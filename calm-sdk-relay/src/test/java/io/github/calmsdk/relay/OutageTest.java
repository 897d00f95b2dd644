package io.github.calmsdk.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.testkit.Fault;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutageTest {
  @TempDir Path dir;

  @Test
  void entriesStayPendingThroughAnOutageLongerThanAllRetriesOfOneCallThenAllGoOutOnce() {
    try (Fixture fx = new Fixture(dir); RelayStore store = fx.sqlite();
        Relay relay = fx.relay(store, fx.options().packageSize(7).build())) {
      for (int i = 0; i < 20; i++) {
        relay.submit(fx.export("Outage " + i));
      }
      Fault down = fx.fake.faults().on("*", ".*").status(503).always();

      for (int pass = 0; pass < 3; pass++) {
        RelayRun run = relay.runOnce();
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.retried()).isEqualTo(20);
      }
      assertThat(relay.list(EntryState.PENDING)).hasSize(20);
      assertThat(down.fired()).isGreaterThanOrEqualTo(60);
      assertThat(fx.fake.transportRequests()).isEmpty();

      down.cancel();
      RelayRun back = relay.runOnce();

      assertThat(back.delivered()).isEqualTo(20);
      assertThat(back.exitCode()).isZero();
      assertThat(fx.descriptions()).hasSize(20).doesNotHaveDuplicates();
      assertThat(fx.fake.requestCount("POST", ".+/v2/nodes/export")).isEqualTo(20);
    }
  }
}
