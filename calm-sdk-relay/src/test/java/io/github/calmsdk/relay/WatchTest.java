package io.github.calmsdk.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchTest {
  @TempDir Path dir;

  @Test
  void theFirstActivationIsASilentBaselineAndChangesWhileNoProcessRanAreReportedAfterTheRestart() {
    try (Fixture fx = new Fixture(dir)) {
      long tr;
      try (RelayStore store = fx.sqlite(); Relay relay = fx.relay(store, fx.options().build())) {
        relay.submit(fx.export("Watched"));
        relay.runOnce();
        tr = relay.list().get(0).transportRequestId().orElseThrow().value();
        assertThat(relay.watch(NodeName.of("QAS"))).isEmpty();
        assertThat(relay.watch(NodeName.of("QAS"))).isEmpty();
      }
      // while no relay runs: the transport request is imported
      fx.calm.deployment().importTransports(ImportRequest.of(NodeName.of("QAS"), TransportRequestId.of(tr)));

      List<RelayChange> changes;
      try (RelayStore store = fx.sqlite(); Relay relay = fx.relay(store, fx.options().build())) {
        changes = relay.watch(NodeName.of("QAS"));
        assertThat(relay.watch(NodeName.of("QAS"))).isEmpty();
      }
      assertThat(changes).singleElement().satisfies(c -> {
        assertThat(c.transportRequestId().value()).isEqualTo(tr);
        assertThat(c.from()).contains(TransportStatus.INITIAL);
        assertThat(c.to()).map(TransportStatus::kind).contains(TransportStatus.Kind.SUCCEEDED);
        assertThat(c.id()).hasSize(32);
      });
    }
  }

  @Test
  void theSameChangeSeenTwiceHasTheSameId() {
    try (Fixture fx = new Fixture(dir)) {
      long tr;
      String snapshot;
      try (RelayStore store = fx.sqlite(); Relay relay = fx.relay(store, fx.options().build())) {
        relay.submit(fx.export("Twice"));
        relay.runOnce();
        tr = relay.list().get(0).transportRequestId().orElseThrow().value();
        relay.watch(NodeName.of("QAS"));
        snapshot = store.jdbc().snapshot("QAS").orElseThrow().statuses();
      }
      fx.calm.deployment().importTransports(ImportRequest.of(NodeName.of("QAS"), TransportRequestId.of(tr)));
      try (RelayStore store = fx.sqlite(); Relay relay = fx.relay(store, fx.options().build())) {
        String first = relay.watch(NodeName.of("QAS")).get(0).id();
        // a crash before the snapshot was saved: the next run sees the same change again
        store.jdbc().saveSnapshot("QAS", 1, snapshot, 0);
        String again = relay.watch(NodeName.of("QAS")).get(0).id();
        assertThat(again).isEqualTo(first);
      }
    }
  }
}
