package io.github.calmsdk.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.deployment.ExportRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadStoreTest {
  @TempDir Path dir;

  @Test
  void aCorruptStoreFileIsRefusedClearlyAndLeftUntouched() throws Exception {
    Path db = dir.resolve("relay.db");
    byte[] junk = "this is not a database, just some bytes that happen to be here".repeat(100)
        .getBytes(StandardCharsets.UTF_8);
    Files.write(db, junk);

    assertThatThrownBy(() -> RelayStore.open(db.toString()))
        .isInstanceOf(RelayStoreException.class)
        .hasMessageContaining("is not a relay store or is damaged")
        .hasMessageContaining(db.toString());
    assertThat(Arrays.equals(Files.readAllBytes(db), junk)).isTrue();
  }

  @Test
  void aStoreWithANewerSchemaVersionIsRefusedAndNothingChanges() {
    try (Fixture fx = new Fixture(dir)) {
      long id;
      try (RelayStore store = fx.sqlite(); Relay relay = fx.relay(store, fx.options().build())) {
        id = relay.submit(fx.export("Kept"));
        store.jdbc().execute("INSERT INTO relay_schema_version (version, applied_at) VALUES (99, 0)");
      }
      assertThatThrownBy(fx::sqlite)
          .isInstanceOf(RelayStoreException.class)
          .hasMessageContaining("schema version 99, newer than this relay's 1");
      try (RelayStore store = fx.sqlite()) {
        throw new AssertionError("opened " + store);
      } catch (RelayStoreException expected) {
        // still refused: the migration did not lower or touch it
      }
      assertThat(id).isPositive();
    }
  }

  @Test
  void aSpoolFileDeletedBehindTheRelaysBackFailsOnlyItsEntryWithAClearError() throws Exception {
    try (Fixture fx = new Fixture(dir); RelayStore store = fx.sqlite();
        Relay relay = fx.relay(store, fx.options().build())) {
      long gone = relay.submit(fx.export("Gone"));
      long kept = relay.submit(fx.export("Kept"));
      try (var files = Files.list(dir.resolve("spool"))) {
        for (Path p : files.filter(p -> p.toString().endsWith("Gone.mtar")).toList()) {
          Files.delete(p);
        }
      }

      RelayRun run = relay.runOnce();

      assertThat(run.failed()).isEqualTo(1);
      assertThat(run.delivered()).isEqualTo(1);
      assertThat(relay.entry(gone).orElseThrow().lastError()).get().asString()
          .contains("deleted behind the relay's back").contains("submit the export again");
      assertThat(relay.entry(kept).orElseThrow().state()).isEqualTo(EntryState.DELIVERED);
      assertThat(fx.descriptions()).containsExactly("Kept");
    }
  }

  @Test
  void aFullDiskRefusesTheSubmitClearlyAndKeepsWhatWasStoredBefore() throws Exception {
    try (Fixture fx = new Fixture(dir); RelayStore store = fx.sqlite();
        Relay relay = fx.relay(store, fx.options().build())) {
      long before = relay.submit(fx.export("Before"));
      // SQLite's own limit on the file's pages: the same SQLITE_FULL a full disk gives
      store.jdbc().execute("PRAGMA max_page_count = " + pageCount(store));
      ExportRequest big = ExportRequest.builder().node("DEV").reference("https://repo.example.com/x")
          .contentType(io.github.calmsdk.deployment.ContentType.MTA).description("x".repeat(500)).build();

      assertThatThrownBy(() -> {
        for (int i = 0; i < 1000; i++) {
          relay.submit(big);
        }
      }).isInstanceOf(RelayStoreException.class).hasMessageContaining("the disk is full")
          .hasMessageContaining("entries stored earlier are safe");

      assertThat(relay.entry(before).orElseThrow().state()).isEqualTo(EntryState.PENDING);
      store.jdbc().execute("PRAGMA max_page_count = 1073741823");
      relay.runOnce();
      assertThat(relay.entry(before).orElseThrow().state()).isEqualTo(EntryState.DELIVERED);
    }
  }

  @Test
  void aSpoolThatCannotBeWrittenRefusesTheSubmitAndStoresNothing() throws Exception {
    try (Fixture fx = new Fixture(dir)) {
      Path notADir = dir.resolve("spool-is-a-file");
      Files.writeString(notADir, "x");
      try (RelayStore store = fx.sqlite();
          Relay relay = fx.relay(store, fx.options().spoolDirectory(notADir).build())) {
        assertThatThrownBy(() -> relay.submit(fx.export("No room")))
            .isInstanceOf(RelayStoreException.class).hasMessageContaining("nothing was stored");
        assertThat(relay.list()).isEmpty();
      }
    }
  }

  private static long pageCount(RelayStore store) throws Exception {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + store.location().replace("SQLite store ", ""));
        var s = c.createStatement(); var rs = s.executeQuery("PRAGMA page_count")) {
      rs.next();
      return rs.getLong(1) + 2;
    }
  }
}
