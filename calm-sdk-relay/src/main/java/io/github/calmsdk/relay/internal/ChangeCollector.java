package io.github.calmsdk.relay.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.TransportQuery;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.relay.RelayChange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status-change collector: reads a node's queue, compares it with the snapshot persisted last time, persists
 * the new one, and returns the changes. The first activation for a node only saves the baseline (ATO: "collector
 * jobs can only react to future events once they are activated"). A change's id hashes the node, the snapshot's
 * revision, the transport request and both statuses: the same change found twice has the same id.
 */
public final class ChangeCollector {
  private final DeploymentClient deployment;
  private final JdbcStore store;

  /** A collector. */
  public ChangeCollector(DeploymentClient deployment, JdbcStore store) {
    this.deployment = deployment;
    this.store = store;
  }

  /** Collects once. */
  public List<RelayChange> collect(NodeRef node, long nowMillis) {
    String key = node.toString();
    Map<Long, String> now = new LinkedHashMap<>();
    for (TransportRequest t : deployment.transportRequests(TransportQuery.allStatuses(node))) {
      now.put(t.id().value(), t.status().value());
    }
    Optional<JdbcStore.Snapshot> before = store.snapshot(key);
    if (before.isEmpty()) {
      store.saveSnapshot(key, 1, encode(now), nowMillis);
      return List.of();
    }
    long revision = before.get().revision();
    Map<Long, String> was = decode(before.get().statuses());
    List<RelayChange> changes = new ArrayList<>();
    for (Map.Entry<Long, String> e : now.entrySet()) {
      String old = was.get(e.getKey());
      if (!e.getValue().equals(old)) {
        changes.add(change(key, revision, e.getKey(), old, e.getValue()));
      }
    }
    for (Map.Entry<Long, String> e : was.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        changes.add(change(key, revision, e.getKey(), e.getValue(), null));
      }
    }
    if (!changes.isEmpty()) {
      store.saveSnapshot(key, revision + 1, encode(now), nowMillis);
    }
    return changes;
  }

  private static RelayChange change(String node, long revision, long tr, String from, String to) {
    String id = hash(node + "|" + revision + "|" + tr + "|" + from + "|" + to);
    return new RelayChange(id, node, TransportRequestId.of(tr),
        Optional.ofNullable(from).map(TransportStatus::of), Optional.ofNullable(to).map(TransportStatus::of));
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(Map<Long, String> statuses) {
    ObjectNode o = Payloads.mapper().createObjectNode();
    statuses.forEach((k, v) -> o.put(Long.toString(k), v));
    return Payloads.write(o);
  }

  private static Map<Long, String> decode(String json) {
    Map<Long, String> m = new LinkedHashMap<>();
    JsonNode o = Payloads.read(json);
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(Long.valueOf(e.getKey()), e.getValue().asText());
    }
    return m;
  }
}
