package io.github.calmsdk.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.core.testing.FakeClock;
import io.github.calmsdk.relay.internal.JdbcStore;
import io.github.calmsdk.relay.internal.StoreFencedException;
import io.github.calmsdk.relay.internal.StoredEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases and fencing: a node whose lease expired cannot overwrite the node that took over. */
class FencingTest {
  @TempDir Path dir;

  @Test
  void onSqliteALeaseExpiresOnTheClockAndTheOldOwnerIsFencedOff() {
    FakeClock clock = new FakeClock();
    try (JdbcStore store = JdbcStore.sqlite(dir.resolve("f.db"), clock.millis())) {
      store.insert("import", null, "{}", clock.millis());
      long lease = Duration.ofMinutes(10).toMillis();

      StoredEntry a = store.claim("node-a", 10, lease, false, "a#1", clock.millis()).get(0);
      assertThat(store.claim("node-b", 10, lease, false, "b#1", clock.millis())).isEmpty();

      clock.advance(Duration.ofMinutes(10).plusMillis(1));
      StoredEntry b = store.claim("node-b", 10, lease, false, "b#2", clock.millis()).get(0);

      assertThat(b.version()).isEqualTo(a.version() + 1);
      assertThatThrownBy(() -> store.saveStep(a, "starting", List.of(), null, lease, clock.millis()))
          .isInstanceOf(StoreFencedException.class).hasMessageContaining("node-a");
      assertThatThrownBy(() -> store.finish(a, "delivered", "done", null, 1L, null, List.of(), 0, clock.millis()))
          .isInstanceOf(StoreFencedException.class);
      store.finish(b, "delivered", "done", null, 2L, null, List.of(), 0, clock.millis());
      assertThat(store.get(b.id()).orElseThrow().actionId()).isEqualTo(2L);
    }
  }

  @Test
  void aRestartedSqliteRelayTakesOverWhatItsDeadPredecessorLeftInFlightAtOnce() {
    FakeClock clock = new FakeClock();
    Path db = dir.resolve("r.db");
    try (JdbcStore first = JdbcStore.sqlite(db, clock.millis())) {
      first.insert("import", null, "{}", clock.millis());
      first.claim("dead", 10, Duration.ofHours(1).toMillis(), false, "d#1", clock.millis());
    }
    try (JdbcStore second = JdbcStore.sqlite(db, clock.millis())) {
      assertThat(second.claim("alive", 10, 1000, false, "a#1", clock.millis())).hasSize(1);
    }
  }

  @Test
  void aSecondDispatcherOnOneSqliteStoreIsRefusedWhileSubmittingBesideItWorks() {
    FakeClock clock = new FakeClock();
    Path db = dir.resolve("one.db");
    try (JdbcStore first = JdbcStore.sqlite(db, clock.millis());
        JdbcStore second = JdbcStore.sqlite(db, clock.millis())) {
      first.insert("import", null, "{}", clock.millis());
      assertThat(first.claim("first", 10, 1000, false, "f#1", clock.millis())).hasSize(1);

      // a script submits beside the running dispatcher
      second.insert("import", null, "{}", clock.millis());
      assertThatThrownBy(() -> second.claim("second", 10, 1000, false, "s#1", clock.millis()))
          .isInstanceOf(RelayStoreException.class).hasMessageContaining("another relay process dispatches");
      assertThat(first.claim("first", 10, 1000, false, "f#2", clock.millis())).hasSize(1);
    }
  }

  @Test
  void onPostgresqlLeasesRunOnTheDatabaseClockAndFenceTheOldOwner() {
    Pg.requireClean();
    try (JdbcStore store = Pg.open()) {
      store.insert("import", null, "{}", 0);
      StoredEntry a = store.claim("node-a", 10, 60_000, false, "a#1", 0).get(0);
      assertThat(store.claim("node-b", 10, 60_000, false, "b#1", 0)).isEmpty();
      // the app clock passed in is ignored on PostgreSQL: a far-future value does not expire a's lease
      assertThat(store.claim("node-b", 10, 60_000, false, "b#2", Long.MAX_VALUE / 2)).isEmpty();

      // renew with a lease that ended a millisecond before the database's now(): expired for any later claim, even
      // one in the same millisecond (a zero lease let a claim in that millisecond still see it held)
      store.saveStep(a, "starting", List.of(), null, -1, 0);
      StoredEntry b = store.claim("node-b", 10, 60_000, false, "b#3", 0).get(0);

      assertThat(b.id()).isEqualTo(a.id());
      assertThatThrownBy(() -> store.finish(a, "delivered", "done", null, 1L, null, List.of(), 0, 0))
          .isInstanceOf(StoreFencedException.class);
      store.finish(b, "delivered", "done", null, 2L, null, List.of(), 0, 0);
      assertThat(store.get(a.id()).orElseThrow().actionId()).isEqualTo(2L);
    }
  }

  @Test
  void aNewerSchemaOnPostgresqlIsRefused() {
    Pg.requireClean();
    try (JdbcStore store = Pg.open()) {
      store.execute("INSERT INTO relay_schema_version (version, applied_at) VALUES (2, 0)");
    }
    assertThatThrownBy(Pg::open).isInstanceOf(RelayStoreException.class)
        .hasMessageContaining("schema version 2, newer than this relay's 1")
        .hasMessageNotContaining(Pg.PASSWORD + "@");
  }
}
