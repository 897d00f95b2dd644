package io.github.calmsdk.cli;

import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.Node;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.QueueEntry;
import io.github.calmsdk.deployment.RetryRequest;
import io.github.calmsdk.deployment.StatusChange;
import io.github.calmsdk.deployment.StatusWatcher;
import io.github.calmsdk.deployment.TransportQuery;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.WatchRequest;
import io.github.calmsdk.features.Feature;
import io.github.calmsdk.features.FeatureQuery;
import io.github.calmsdk.features.FeatureStatus;
import io.github.calmsdk.features.FeaturesClient;
import io.github.calmsdk.testkit.FakeCalm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The steps of {@code calm demo}, each narrated: nodes, export of two files, a watcher on the target node, an import
 * in which the fake fails one transport request, a retry of it, the queue's statuses, and the features of a project
 * with a status change. Each step's results go into the summary, the demo's JSON document.
 */
final class DemoFlow {
  static final String PROJECT = "DEMO";
  static final String TRANSPORT = "DEMO900001";
  private static final String INDENT = "      ";
  private static final NodeName SOURCE = NodeName.of("DEV");
  private static final NodeName TARGET = NodeName.of("QAS");
  private static final Duration AWAIT = Duration.ofMinutes(1);

  private final Output out;
  private final FakeCalm fake;
  private final CalmClient calm;
  private final Path dir;
  private final Map<String, Object> summary;
  private final List<Map<String, Object>> changes = new ArrayList<>();
  private int step;

  DemoFlow(Output out, FakeCalm fake, CalmClient calm, Path dir, Map<String, Object> summary) {
    this.out = out;
    this.fake = fake;
    this.calm = calm;
    this.dir = dir;
    this.summary = summary;
  }

  void run() throws IOException, InterruptedException {
    step("started a fake Cloud ALM at " + fake.apiUri() + " (nodes DEV -> QAS -> PRD); no service key needed");
    summary.put("api", fake.apiUri().toString());
    DeploymentClient deployment = calm.deployment();

    step("nodes (calm nodes)");
    List<Node> nodes = deployment.nodes();
    Tables.nodes(out, nodes, INDENT);
    summary.put("nodes", nodes.stream().map(Views::node).collect(Collectors.toList()));

    step("wrote two MTA archives in " + dir);
    Path app = dir.resolve("app.mtar");
    Path hotfix = dir.resolve("hotfix.mtar");
    long appSize = DemoArchive.write(app, "calm.demo.app", "1.0.0", 48 * 1024);
    long hotfixSize = DemoArchive.write(hotfix, "calm.demo.hotfix", "1.0.1", 8 * 1024);
    out.line(INDENT + "app.mtar (" + ProgressBar.bytes(appSize) + "), hotfix.mtar (" + ProgressBar.bytes(hotfixSize) + ")");

    step("export both from DEV (calm export --node DEV --file app.mtar)");
    ExportResult first = export(deployment, app, "Demo app 1.0.0");
    ExportResult second = export(deployment, hotfix, "Demo hotfix 1.0.1");
    summary.put("exports", List.of(Views.export(first), Views.export(second)));
    TransportRequestId tr1 = first.transportRequestId();
    TransportRequestId tr2 = second.transportRequestId();

    FlowSleeper polls = new FlowSleeper();
    // the same client context (token, pipeline, budget), with a sleeper that the demo steps by hand
    DeploymentClient watching = DeploymentClient.create(
        calm.context().toBuilder().sleeper(polls).build(), calm.serviceKey().apiBase(), DeploymentOptions.defaults());
    try (StatusWatcher watcher = watching.statusChanges(WatchRequest.of(TARGET), this::changed)) {
      step("watch node QAS (calm watch --node QAS); here the watcher polls after each step instead of every 30s");
      polls.awaitIdle();

      step("the fake will end the first import of transport request " + tr2 + " in \"error\"");
      fake.importOutcomes(tr2.value(), "error", "succeeded");

      step("import transport requests " + tr1 + " and " + tr2 + " into QAS and await the outcome"
          + " (calm import --node QAS --tr " + tr1 + " " + tr2 + " --wait)");
      ImportAction imported = deployment.importTransports(ImportRequest.of(TARGET, tr1, tr2));
      ImportOutcome o1 = await(imported);
      summary.put("import", Views.outcome(imported, o1));
      polls.pollOnce();

      step("retry transport request " + tr2 + ": it is in error, so it is reset, then imported"
          + " (calm retry --node QAS --tr " + tr2 + " --wait)");
      ImportAction retried = deployment.retry(RetryRequest.of(TARGET, tr2));
      ImportOutcome o2 = await(retried);
      summary.put("retry", Views.outcome(retried, o2));
      polls.pollOnce();
      summary.put("changes", List.copyOf(changes));
    }

    step("status of node QAS (calm status --node QAS)");
    List<TransportRequest> queue = deployment.transportRequests(TransportQuery.allStatuses(TARGET));
    Tables.transportRequests(out, queue, INDENT);
    summary.put("status", queue.stream().map(Views::transportRequest).collect(Collectors.toList()));

    features();
  }

  private void features() {
    String payment = fake.addFeature(PROJECT, "Payment run: new bank format", null);
    fake.addFeature(PROJECT, "Checkout v2", null);
    fake.addFeature(PROJECT, "Invoice layout", null);
    fake.assignTransport(TRANSPORT, payment);
    FeaturesClient features = calm.features();
    Map<String, String> names = new LinkedHashMap<>();
    features.statuses().forEach(s -> names.put(s.code(), s.name()));

    step("features of project " + PROJECT + " (calm features list --project " + PROJECT + ")");
    List<Feature> list = features.list(FeatureQuery.forProject(PROJECT)).stream().collect(Collectors.toList());
    Tables.features(out, list, names, INDENT);
    summary.put("features", list.stream().map(Views::feature).collect(Collectors.toList()));

    Feature before = list.stream().filter(f -> f.uuid().equals(payment)).findFirst().orElseThrow();
    String code = target(features.statuses(), before.statusCode());
    step("set the status of feature " + before.displayId() + " to " + names.get(code)
        + " (calm features set-status " + before.displayId() + " " + code + ")");
    Feature after = features.setStatus(payment, code);
    out.line(INDENT + Tables.status(before.statusCode(), names) + " -> " + Tables.status(after.statusCode(), names));
    summary.put("statusChange", Views.object("uuid", payment, "from", before.statusCode(), "to", after.statusCode()));

    step("the feature transport " + TRANSPORT + " belongs to (calm features parent " + TRANSPORT + ")");
    Feature parent = features.parentOfTransport(TRANSPORT).orElseThrow();
    out.line(INDENT + parent.displayId() + " '" + parent.title() + "'");
    summary.put("parent", Views.object("transportId", TRANSPORT, "feature", Views.feature(parent)));
  }

  /** "In Testing" when the tenant has it, else the next status after the current one: codes are never hard-coded. */
  private static String target(List<FeatureStatus> statuses, String current) {
    for (FeatureStatus s : statuses) {
      if ("In Testing".equalsIgnoreCase(s.name()) && !s.code().equals(current)) {
        return s.code();
      }
    }
    for (FeatureStatus s : statuses) {
      if (!s.code().equals(current)) {
        return s.code();
      }
    }
    return current;
  }

  private ExportResult export(DeploymentClient deployment, Path file, String description) {
    ExportResult r = deployment.export(ExportRequest.builder()
        .node(SOURCE)
        .file(file)
        .contentType(ContentType.MTA)
        .description(description)
        .namedUser("demo.user")
        .progress(ProgressBar.forOutput(out, INDENT + "uploading " + file.getFileName()))
        .build());
    out.line(INDENT + file.getFileName() + " -> transport request " + r.transportRequestId() + " '" + r.description()
        + "', queued in "
        + Format.list(r.queueEntries().stream().map(QueueEntry::nodeName).collect(Collectors.toList())));
    return r;
  }

  private ImportOutcome await(ImportAction action) {
    ImportOutcome o = action.await(AWAIT);
    out.line(INDENT + "action " + o.actionId() + " ended " + o.status());
    Tables.outcome(out, o, INDENT);
    return o;
  }

  private void changed(StatusChange change) {
    changes.add(Views.change(change, TARGET.value()));
    out.line(INDENT + "watch: " + Tables.change(change, TARGET.value()));
  }

  private void step(String text) {
    out.line(String.format("%2d  %s", ++step, text));
  }
}
