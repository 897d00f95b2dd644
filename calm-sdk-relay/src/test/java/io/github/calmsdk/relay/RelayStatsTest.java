package io.github.calmsdk.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.core.error.CalmValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayStatsTest {
  @TempDir Path dir;
  Fixture fx;

  @BeforeEach
  void start() {
    fx = new Fixture(dir);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void anEmptyStoreCountsNothingAndHasNoOldestPendingEntry() {
    try (RelayStore store = fx.sqlite(); Relay relay = fx.relay(store, fx.options().build())) {
      assertThat(relay.stats()).isEqualTo(new RelayStats(0, 0, 0, 0, Optional.empty()));
    }
  }

  @Test
  void sqliteCountsEachOpenStateAndAgesTheOldestPendingEntryByTheRelaysClock() {
    try (RelayStore store = fx.sqlite(); Relay relay = fx.relay(store, fx.options().build())) {
      long first = relay.submit(fx.export("A"));
      fx.clock.advance(Duration.ofSeconds(90));
      long second = relay.submit(fx.export("B"));
      long failed = relay.submit(fx.export("C"));
      long unresolved = relay.submit(fx.export("D"));
      long delivered = relay.submit(fx.export("E"));
      setState(store, failed, "failed");
      setState(store, unresolved, "unresolved");
      setState(store, delivered, "delivered");

      assertThat(relay.stats()).isEqualTo(new RelayStats(2, 0, 1, 1, Optional.of(Duration.ofSeconds(90))));

      setState(store, first, "sending");
      fx.clock.advance(Duration.ofSeconds(5));
      assertThat(relay.stats()).isEqualTo(new RelayStats(1, 1, 1, 1, Optional.of(Duration.ofSeconds(5))));

      setState(store, second, "delivered");
      assertThat(relay.stats().oldestPendingAge()).isEmpty();
    }
  }

  @Test
  void aPassThatDeliversEverythingLeavesNothingPending() {
    try (RelayStore store = fx.sqlite(); Relay relay = fx.relay(store, fx.options().build())) {
      relay.submit(fx.export("A"));
      assertThat(relay.stats().pending()).isEqualTo(1);

      relay.runOnce();

      assertThat(relay.stats()).isEqualTo(new RelayStats(0, 0, 0, 0, Optional.empty()));
    }
  }

  @Test
  void postgresCountsEachOpenStateAndAgesByTheDatabaseClock() {
    Pg.requireClean();
    try (RelayStore store = Pg.openStore(); Relay relay = fx.relay(store, fx.options().build())) {
      relay.submit(fx.export("A"));
      long failed = relay.submit(fx.export("B"));
      long unresolved = relay.submit(fx.export("C"));
      long sending = relay.submit(fx.export("D"));
      setState(store, failed, "failed");
      setState(store, unresolved, "unresolved");
      setState(store, sending, "sending");

      RelayStats stats = relay.stats();

      assertThat(stats.pending()).isEqualTo(1);
      assertThat(stats.sending()).isEqualTo(1);
      assertThat(stats.failed()).isEqualTo(1);
      assertThat(stats.unresolved()).isEqualTo(1);
      assertThat(stats.oldestPendingAge()).hasValueSatisfying(
          age -> assertThat(age).isBetween(Duration.ZERO, Duration.ofMinutes(1)));
    }
  }

  @Test
  void aNegativeCountIsRefusedNamingItsField() {
    assertThatThrownBy(() -> new RelayStats(0, 0, -1, 0, Optional.empty()))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("failed");
          assertThat(e.getMessage()).isEqualTo("failed: cannot be negative, was -1");
        });
    assertThatThrownBy(() -> new RelayStats(-2, 0, 0, 0, Optional.empty()))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("pending"));
  }

  private static void setState(RelayStore store, long id, String state) {
    store.jdbc().execute("UPDATE relay_entry SET state = '" + state + "' WHERE id = " + id);
  }
}
