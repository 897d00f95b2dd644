package io.github.calmsdk.relay.internal;

import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.Node;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.StorageType;
import io.github.calmsdk.deployment.TransportEntry;
import io.github.calmsdk.deployment.TransportQuery;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settles lost answers with DeploymentClient's public reads: the node list and each queue in every status. A file
 * id is unique, so a transport request holding the uploaded file ids is the export's; references are not, so
 * there the description must match too and the transport request must be newer than the entry.
 *
 * <p>Imports and retries: the service starts imports asynchronously, so only a status that moved proves the call
 * was applied. An import is applied when every transport request left {@code initial} and {@code repeat}; a retry
 * when every one is running, succeeded or warning. Anything else is not proof either way.
 */
public final class QueueReading implements LostAnswers {
  private final DeploymentClient deployment;

  /** Reads through a deployment client. */
  public QueueReading(DeploymentClient deployment) {
    this.deployment = deployment;
  }

  @Override
  public ExportSettlement export(Payloads.Export export, List<String> uris, Instant since) {
    List<String> checks = new ArrayList<>();
    List<Node> nodes = deployment.nodes();
    checks.add("GET /v2/nodes: " + nodes.size() + " nodes");
    boolean files = export.storageType().equals(StorageType.FILE);
    Set<TransportRequestId> found = new LinkedHashSet<>();
    for (Node n : nodes) {
      List<TransportRequest> trs = deployment.transportRequests(TransportQuery.allStatuses(n.id()));
      List<TransportRequest> matches = trs.stream()
          .filter(t -> matches(t, export, uris, files, since))
          .collect(Collectors.toList());
      matches.forEach(t -> found.add(t.id()));
      checks.add("GET /v2/nodes/" + n.id().value() + "/transportRequests (" + n.name() + "): "
          + (matches.isEmpty()
              ? "none of " + trs.size() + " holds entries " + uris
              : "found " + matches.stream().map(t -> t.id().toString()).collect(Collectors.joining(", "))));
    }
    return new ExportSettlement(found.size() == 1 ? found.iterator().next() : null, found.size(), checks);
  }

  private static boolean matches(
      TransportRequest t, Payloads.Export export, List<String> uris, boolean files, Instant since) {
    Set<String> have = t.entries().stream().map(TransportEntry::uri).collect(Collectors.toSet());
    if (!have.containsAll(uris)) {
      return false;
    }
    return files
        || (export.description().equals(t.description()) && (t.createdAt() == null || !t.createdAt().isBefore(since)));
  }

  @Override
  public StartSettlement start(boolean retry, NodeRef node, List<TransportRequestId> ids) {
    List<TransportRequest> queue = deployment.transportRequests(TransportQuery.allStatuses(node));
    Map<TransportRequestId, TransportStatus> status = new LinkedHashMap<>();
    queue.forEach(t -> status.put(t.id(), t.status()));
    List<String> seen = new ArrayList<>();
    boolean applied;
    if (ids.isEmpty()) {
      List<TransportRequestId> running = queue.stream()
          .filter(t -> t.status().kind() == TransportStatus.Kind.RUNNING).map(TransportRequest::id).toList();
      applied = !running.isEmpty();
      seen.add(applied ? "running: " + running : "nothing running");
    } else {
      applied = true;
      for (TransportRequestId id : ids) {
        TransportStatus s = status.get(id);
        boolean moved = s != null && moved(retry, s.kind());
        applied &= moved;
        seen.add(id + " " + (s == null ? "not in the queue" : s.value()) + (moved ? " (moved)" : " (no proof)"));
      }
    }
    return new StartSettlement(applied, List.of("GET transportRequests of node " + node + ": " + String.join(", ", seen)));
  }

  private static boolean moved(boolean retry, TransportStatus.Kind kind) {
    if (retry) {
      return kind == TransportStatus.Kind.RUNNING || kind == TransportStatus.Kind.SUCCEEDED
          || kind == TransportStatus.Kind.WARNING;
    }
    return kind != TransportStatus.Kind.INITIAL && kind != TransportStatus.Kind.REPEATABLE
        && kind != TransportStatus.Kind.UNKNOWN && kind != TransportStatus.Kind.OTHER;
  }
}
