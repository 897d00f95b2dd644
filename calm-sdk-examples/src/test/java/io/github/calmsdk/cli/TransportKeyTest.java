package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.calmsdk.testkit.FakeCalm;
import io.github.calmsdk.testkit.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Cloud Transport Management (CTMS) service key: as the only key ({@code --service-key}, {@code CALM_SERVICE_KEY},
 * {@code --transport-key}, {@code CALM_TRANSPORT_KEY}) it serves the transport commands and the features commands
 * refuse before sending anything; next to a Cloud ALM key it takes the transports and leaves features to Cloud ALM.
 */
class TransportKeyTest {
  private static final String CTMS = "/ctms/v2/";
  private static final String PASS_THROUGH = "/api/imp-cdm-transport-management-api/";

  @TempDir Path dir;
  private CliHarness cli;
  private Path ctmsKey;

  @BeforeEach
  void start() {
    cli = new CliHarness(FakeCalm.builder().importPollsUntilDone(0).start(), dir);
    ctmsKey = cli.writeCtmsKey("ctms.json");
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  private List<String> apiPaths() {
    return cli.fake.requests().stream()
        .map(RecordedRequest::path)
        .filter(p -> !p.startsWith("/uaa"))
        .collect(Collectors.toList());
  }

  /** Runs every transport command with these leading arguments and variables; each must exit 0. */
  private void everyTransportCommandWorks(Map<String, String> env, String... keyArgs) throws Exception {
    Path file = dir.resolve("app.mtar");
    Files.writeString(file, "mta");
    CliRun nodes = cli.runWith(env, args(keyArgs, "--json", "nodes"));
    assertThat(nodes.exit()).as(nodes.err()).isZero();
    assertThat(nodes.json().get("nodes")).extracting(n -> n.get("name").asText()).contains("DEV", "QAS");

    CliRun export = cli.runWith(env, args(keyArgs, "--json", "export", "--node", "DEV", "--file", file.toString()));
    assertThat(export.exit()).as(export.err()).isZero();
    String tr = export.json().get("transportRequestId").asText();

    cli.fake.importOutcomes(Long.parseLong(tr), "error", "succeeded");
    CliRun imported = cli.runWith(env, args(keyArgs, "--json", "import", "--node", "QAS", "--tr", tr, "--wait", "5m"));
    assertThat(imported.exit()).as(imported.err()).isEqualTo(1);
    assertThat(imported.json().get("status").asText()).isEqualTo("error");

    CliRun retried = cli.runWith(env, args(keyArgs, "--json", "retry", "--node", "QAS", "--tr", tr, "--wait", "5m"));
    assertThat(retried.exit()).as(retried.err()).isZero();
    assertThat(retried.json().get("status").asText()).isEqualTo("succeeded");

    CliRun status = cli.runWith(env, args(keyArgs, "--json", "status", "--node", "QAS"));
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).contains(tr);

    cli.sleeper(d -> cli.fake.setTransportRequestStatus(Long.parseLong(tr), "QAS", "repeat"));
    CliRun watch = cli.runWith(env, args(keyArgs, "--json", "watch", "--node", "QAS", "--max-changes", "1"));
    assertThat(watch.exit()).as(watch.err()).isZero();
    assertThat(watch.json().get("to").asText()).isEqualTo("repeat");

    assertThat(apiPaths()).isNotEmpty().allMatch(p -> p.startsWith(CTMS), "every call went to {uri}/v2");
  }

  private static String[] args(String[] first, String... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(new String[0]);
  }

  @Test
  void aCtmsKeyAsTheServiceKeyServesEveryTransportCommandAtItsUri() throws Exception {
    everyTransportCommandWorks(Map.of(), "--service-key", ctmsKey.toString());
  }

  @Test
  void aCtmsKeyInCalmServiceKeyAsJsonServesEveryTransportCommand() throws Exception {
    everyTransportCommandWorks(Map.of("CALM_SERVICE_KEY", cli.fake.ctmsServiceKeyJson()));
  }

  @Test
  void onlyATransportKeyServesEveryTransportCommand() throws Exception {
    everyTransportCommandWorks(Map.of(), "--transport-key", ctmsKey.toString());
  }

  @Test
  void onlyCalmTransportKeyAsAPathServesEveryTransportCommand() throws Exception {
    everyTransportCommandWorks(Map.of("CALM_TRANSPORT_KEY", ctmsKey.toString()));
  }

  @Test
  void aTransportKeyNextToACloudAlmKeyTakesTheTransportsAndLeavesFeaturesToCloudAlm() {
    cli.fake.addFeature("P1", "Login", "IN_TESTING");

    CliRun nodes = cli.run("--transport-key", ctmsKey.toString(), "--json", "nodes");
    CliRun features = cli.run("--transport-key", ctmsKey.toString(), "--json", "features", "list", "--project", "P1");

    assertThat(nodes.exit()).as(nodes.err()).isZero();
    assertThat(features.exit()).as(features.err()).isZero();
    assertThat(features.json().get("features")).hasSize(1);
    assertThat(apiPaths()).anyMatch(p -> p.equals(CTMS + "nodes")).anyMatch(p -> p.startsWith("/api/calm-features/"))
        .noneMatch(p -> p.startsWith(PASS_THROUGH));
  }

  @Test
  void calmTransportKeyAsJsonNextToCalmServiceKeyTakesTheTransports() {
    CliRun r = cli.runWith(
        Map.of("CALM_SERVICE_KEY", cli.fake.serviceKeyJson(), "CALM_TRANSPORT_KEY", cli.fake.ctmsServiceKeyJson()),
        "--json", "nodes");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(apiPaths()).containsExactly(CTMS + "nodes");
  }

  @Test
  void withOnlyACtmsKeyEveryFeaturesCommandExits2NamingTheKeyItNeedsAndSendsNothing() {
    List<List<String>> commands = List.of(
        List.of("features", "list", "--project", "P1"),
        List.of("features", "get", "6-1"),
        List.of("features", "set-status", "6-1", "IN_TESTING"),
        List.of("features", "parent", "S4DK900123"),
        List.of("features", "statuses"));
    List<List<String>> keys = List.of(
        List.of("--service-key", ctmsKey.toString()), List.of("--transport-key", ctmsKey.toString()));
    for (List<String> key : keys) {
      for (List<String> command : commands) {
        CliRun r = cli.runWith(Map.of(), args(key.toArray(new String[0]), command.toArray(new String[0])));

        assertThat(r.exit()).as(key + " " + command + ": " + r.err()).isEqualTo(2);
        assertThat(r.err())
            .contains("the features commands need a Cloud ALM service key (with endpoints.Api)")
            .contains("pass the Cloud ALM key with --service-key FILE (or CALM_SERVICE_KEY)");
      }
    }
    CliRun json = cli.runWith(Map.of("CALM_SERVICE_KEY", ctmsKey.toString()), "--json", "features", "statuses");
    JsonNode error = json.json().get("error");
    assertThat(error.get("exitCode").asInt()).isEqualTo(2);
    assertThat(error.get("message").asText()).contains("is a Cloud Transport Management key");
    assertThat(cli.fake.requests()).as("nothing sent, not even a token request").isEmpty();
  }

  @Test
  void aMalformedTransportKeyIsBadUsageThatPointsAtTheTransportKey() throws Exception {
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"uri\":\"http://127.0.0.1:1/ctms\",\"uaa\":{\"url\":\"http://127.0.0.1:1/uaa\"}}");

    CliRun r = cli.run("--transport-key", broken.toString(), "nodes");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("uaa.clientid").contains("check the transport key (--transport-key FILE or"
        + " CALM_TRANSPORT_KEY)");
    assertThat(cli.fake.requests()).isEmpty();
  }
}
