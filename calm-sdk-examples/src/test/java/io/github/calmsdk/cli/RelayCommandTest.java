package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.calmsdk.testkit.FakeCalm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calm relay} in-process against the fake, each test on its own SQLite store in a temp directory. */
class RelayCommandTest {
  @TempDir Path dir;
  CliHarness cli;
  String store;
  Path file;

  @BeforeEach
  void start() throws IOException {
    cli = new CliHarness(FakeCalm.builder().importPollsUntilDone(0).start(), dir);
    store = dir.resolve("relay.db").toString();
    file = dir.resolve("app.mtar");
    Files.writeString(file, "content of app");
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  /** Runs with neither a service key nor a store variable: the store is given with --store. */
  private CliRun keyless(String... args) {
    return cli.runWith(Map.of(), args);
  }

  private CliRun withKey(String... args) {
    return cli.run(args);
  }

  private CliRun submitExport(String description) {
    return keyless("--json", "relay", "submit", "export", "--store", store, "--node", "DEV", "--file", file.toString(),
        "--description", description);
  }

  private List<JsonNode> entries() {
    CliRun r = keyless("--json", "relay", "list", "--store", store);
    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> all = new ArrayList<>();
    r.json().get("entries").forEach(all::add);
    return all;
  }

  @Test
  void submitExportStoresAPendingEntryPrintsItsIdAndSendsNothingWithoutAKey() {
    CliRun r = submitExport("App 1.0");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = r.json();
    assertThat(doc.size()).isEqualTo(2);
    assertThat(doc.get("id").isIntegralNumber()).isTrue();
    assertThat(doc.get("state").asText()).isEqualTo("pending");
    assertThat(cli.fake.requests()).isEmpty();
    assertThat(entries()).singleElement().satisfies(e -> {
      assertThat(e.get("id").asLong()).isEqualTo(doc.get("id").asLong());
      assertThat(e.get("kind").asText()).isEqualTo("export");
      assertThat(e.get("state").asText()).isEqualTo("pending");
    });
    assertThat(cli.fake.requests()).isEmpty();
  }

  @Test
  void submitImportStoresAPendingEntryAndSendsNothing() {
    CliRun r = keyless("--json", "relay", "submit", "import", "--store", store, "--node", "QAS", "--tr", "41", "42");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("state").asText()).isEqualTo("pending");
    assertThat(r.json().get("id").asLong()).isPositive();
    assertThat(cli.fake.requests()).isEmpty();
    assertThat(entries()).singleElement().satisfies(e -> assertThat(e.get("kind").asText()).isEqualTo("import"));
  }

  @Test
  void humanSubmitNamesTheEntryAndTheStoreComesFromTheVariable() {
    CliRun r = cli.runWith(Map.of(RelayStoreOption.VARIABLE, store),
        "relay", "submit", "import", "--node", "QAS", "--tr", "7");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("entry 1 stored (pending): import into QAS");
    assertThat(entries()).hasSize(1);
  }

  @Test
  void badSubmitInputExitsTwoAndStoresNothing() {
    List<String[]> bad = List.of(
        new String[] {"export", "--node", "DEV", "--file", dir.resolve("missing.mtar").toString(), "--description", "x"},
        new String[] {"export", "--node", "D".repeat(31), "--file", file.toString(), "--description", "x"},
        new String[] {"export", "--node", "DEV", "--file", file.toString(), "--description", "x".repeat(513)},
        new String[] {"export", "--node", "DEV", "--file", file.toString()},
        new String[] {"export", "--node", "DEV", "--file", file.toString(), "--description", "x", "--content-type",
            "ZIP"},
        new String[] {"import", "--node", "QAS", "--tr", "abc"},
        new String[] {"import", "--node", "QAS"},
        new String[] {"import", "--tr", "42"});
    for (String[] words : bad) {
      List<String> args = new ArrayList<>(List.of("--json", "relay", "submit"));
      args.addAll(List.of(words));
      args.addAll(List.of("--store", store));
      CliRun r = keyless(args.toArray(new String[0]));

      assertThat(r.exit()).as("%s: %s", args, r.err()).isEqualTo(2);
      assertThat(r.json().get("error").get("exitCode").asInt()).isEqualTo(2);
      assertThat(r.err()).startsWith("calm: ");
    }
    assertThat(entries()).isEmpty();
    assertThat(cli.fake.requests()).isEmpty();
  }

  @Test
  void runOnceDeliversEveryPendingEntryAndExitsZero() {
    long id = submitExport("App 2.0").json().get("id").asLong();

    CliRun r = withKey("--json", "relay", "run", "--once", "--store", store);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("delivered").asInt()).isEqualTo(1);
    assertThat(r.json().get("pending").asInt()).isZero();
    assertThat(cli.fake.transportRequests()).singleElement()
        .satisfies(t -> assertThat(t.description()).isEqualTo("App 2.0"));
    JsonNode e = entries().get(0);
    assertThat(e.get("id").asLong()).isEqualTo(id);
    assertThat(e.get("state").asText()).isEqualTo("delivered");
    assertThat(e.get("attempts").asInt()).isEqualTo(1);
    assertThat(e.get("transportRequestId").asLong()).isEqualTo(cli.fake.transportRequests().get(0).id());
    assertThat(e.has("lastError")).isFalse();
    assertThat(e.has("actionId")).isFalse();
  }

  @Test
  void runOnceWithNothingPendingExitsZero() {
    CliRun r = withKey("relay", "run", "--once", "--store", store);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("delivered 0, failed 0, unresolved 0, retried later 0, pending 0\n");
  }

  @Test
  void runOnceExitsFiveWhileCloudAlmIsUnavailableAndKeepsTheEntriesPending() {
    submitExport("Outage 1");
    submitExport("Outage 2");
    var down = cli.fake.faults().on("*", ".*").status(503).always();

    CliRun r = withKey("relay", "run", "--once", "--store", store);

    assertThat(r.exit()).as(r.err()).isEqualTo(5);
    assertThat(r.out()).contains("pending 2");
    assertThat(entries()).extracting(e -> e.get("state").asText()).containsExactly("pending", "pending");
    assertThat(cli.fake.transportRequests()).isEmpty();

    down.cancel();
    assertThat(withKey("relay", "run", "--once", "--store", store).exit()).isZero();
    assertThat(cli.fake.transportRequests()).hasSize(2);
  }

  @Test
  void runOnceExitsOneWhenAnEntryFailsAndRequeueSendsItAgain() {
    long id = submitExport("Refused").json().get("id").asLong();
    cli.fake.faults().on("POST", ".+/v2/nodes/export").status(400).once();

    CliRun r = withKey("relay", "run", "--once", "--store", store);

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    JsonNode failed = keyless("--json", "relay", "list", "--state", "failed", "--store", store).json();
    assertThat(failed.get("entries")).singleElement().satisfies(e -> {
      assertThat(e.get("id").asLong()).isEqualTo(id);
      assertThat(e.get("state").asText()).isEqualTo("failed");
      assertThat(e.get("lastError").asText()).contains("400");
    });
    assertThat(keyless("--json", "relay", "list", "--state", "pending", "--store", store).json().get("entries"))
        .isEmpty();

    CliRun requeued = keyless("--json", "relay", "requeue", Long.toString(id), "--store", store);
    assertThat(requeued.exit()).as(requeued.err()).isZero();
    assertThat(requeued.json().get("state").asText()).isEqualTo("pending");
    assertThat(entries().get(0).get("state").asText()).isEqualTo("pending");

    assertThat(withKey("relay", "run", "--once", "--store", store).exit()).isZero();
    assertThat(entries().get(0).get("state").asText()).isEqualTo("delivered");
    assertThat(cli.fake.transportRequests()).hasSize(1);
  }

  @Test
  void runOnceExitsOneWhenAnEntryBecomesUnresolved() {
    submitExport("Lost");
    cli.fake.faults().on("POST", ".+/v2/nodes/export").connectionReset().once();

    CliRun r = withKey("relay", "run", "--once", "--store", store);

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(entries().get(0).get("state").asText()).isEqualTo("unresolved");
  }

  @Test
  void runNeedsAServiceKeyAndExitsTwoWithoutOne() {
    submitExport("No key");

    CliRun r = keyless("relay", "run", "--once", "--store", store);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("service key");
    assertThat(entries().get(0).get("state").asText()).isEqualTo("pending");
  }

  @Test
  void requeueOfAnEntryThatIsNotFailedOrOfNoEntryExitsTwo() {
    long id = submitExport("Pending").json().get("id").asLong();

    CliRun pending = keyless("relay", "requeue", Long.toString(id), "--store", store);
    CliRun none = keyless("relay", "requeue", "99", "--store", store);
    CliRun word = keyless("relay", "requeue", "abc", "--store", store);

    assertThat(pending.exit()).isEqualTo(2);
    assertThat(pending.err()).contains("is pending");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("no entry 99");
    assertThat(word.exit()).isEqualTo(2);
  }

  @Test
  void listPrintsATableForPeopleAndRefusesAnUnknownState() {
    submitExport("Table");
    keyless("relay", "submit", "import", "--store", store, "--node", "QAS", "--tr", "5");

    CliRun r = keyless("relay", "list", "--store", store);
    CliRun bad = keyless("--json", "relay", "list", "--state", "lost", "--store", store);

    assertThat(r.exit()).isZero();
    assertThat(r.lines()).hasSize(3);
    assertThat(r.lines().get(0)).startsWith("ID").contains("KIND", "STATE", "ATTEMPTS", "TR", "ACTION", "LAST ERROR");
    assertThat(r.lines().get(1)).matches("1 +export +pending +0 +- +-");
    assertThat(r.lines().get(2)).matches("2 +import +pending +0 +- +-");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.json().get("error").get("message").asText()).contains("pending, sending, delivered");
  }

  @Test
  void listJsonHasExactlyTheContractsFieldsWithAnImportsActionId() throws IOException {
    submitExport("Shape");
    withKey("relay", "run", "--once", "--store", store);
    long tr = cli.fake.transportRequests().get(0).id();
    keyless("relay", "submit", "import", "--store", store, "--node", "QAS", "--tr", Long.toString(tr));
    withKey("relay", "run", "--once", "--store", store);

    List<JsonNode> all = entries();

    assertThat(all).hasSize(2);
    List<String> exportFields = new ArrayList<>();
    all.get(0).fieldNames().forEachRemaining(exportFields::add);
    assertThat(exportFields).containsExactly("id", "kind", "state", "attempts", "transportRequestId");
    List<String> importFields = new ArrayList<>();
    all.get(1).fieldNames().forEachRemaining(importFields::add);
    assertThat(importFields).containsExactly("id", "kind", "state", "attempts", "actionId");
    assertThat(all.get(1).get("state").asText()).isEqualTo("delivered");
    assertThat(all.get(1).get("actionId").isIntegralNumber()).isTrue();
  }

  @Test
  void watchStartsWithASilentBaselineThenPrintsEachChangeOnceFromThePersistedSnapshot() {
    submitExport("Watched");
    assertThat(withKey("relay", "run", "--once", "--store", store).exit()).isZero();
    long tr = cli.fake.transportRequests().get(0).id();

    CliRun baseline = withKey("--json", "relay", "watch", "--node", "QAS", "--once", "--store", store);
    assertThat(baseline.exit()).as(baseline.err()).isZero();
    assertThat(baseline.out()).isEmpty();

    assertThat(withKey("import", "--node", "QAS", "--tr", Long.toString(tr)).exit()).isZero();

    CliRun changed = withKey("--json", "relay", "watch", "--node", "QAS", "--once", "--store", store);
    assertThat(changed.exit()).as(changed.err()).isZero();
    assertThat(changed.jsonLines()).singleElement().satisfies(c -> {
      assertThat(c.get("transportRequestId").asLong()).isEqualTo(tr);
      assertThat(c.get("node").asText()).isEqualTo("QAS");
      assertThat(c.get("from").asText()).isEqualTo("initial");
      assertThat(c.get("to").asText()).isEqualTo("succeeded");
      assertThat(c.get("id").asText()).hasSize(32);
    });
    CliRun again = withKey("relay", "watch", "--node", "QAS", "--once", "--store", store);
    assertThat(again.exit()).isZero();
    assertThat(again.out()).isEmpty();
  }

  @Test
  void humanWatchNamesTheTransportRequestAndItsNewStatus() {
    submitExport("Watched by people");
    withKey("relay", "run", "--once", "--store", store);
    long tr = cli.fake.transportRequests().get(0).id();
    withKey("relay", "watch", "--node", "QAS", "--once", "--store", store);
    withKey("import", "--node", "QAS", "--tr", Long.toString(tr));

    CliRun r = withKey("relay", "watch", "--node", "QAS", "--once", "--store", store);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.lines()).singleElement().asString()
        .matches("QAS  TR " + tr + " +initial +-> succeeded");
  }

  @Test
  void anUnsupportedJdbcStoreIsBadInput() {
    CliRun r = keyless("relay", "list", "--store", "jdbc:mysql://db/calm");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("jdbc:postgresql://");
  }

  @Test
  void aFileThatIsNotARelayStoreGivesAClearErrorAndIsLeftAsItWas() throws IOException {
    Path notAStore = dir.resolve("notes.db");
    Files.writeString(notAStore, "these are my notes, not a database");

    CliRun r = keyless("--json", "relay", "list", "--store", notAStore.toString());

    assertThat(r.exit()).isEqualTo(5);
    assertThat(r.err()).startsWith("calm: ").doesNotContain("unexpected").contains(notAStore.toString());
    assertThat(r.json().get("error").get("type").asText()).isEqualTo("RelayStoreException");
    assertThat(Files.readString(notAStore)).isEqualTo("these are my notes, not a database");
  }
}
