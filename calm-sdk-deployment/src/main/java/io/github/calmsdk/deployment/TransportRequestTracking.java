package io.github.calmsdk.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a transport request is: its status in every node queue it entered. Read through {@code GET
 * /v2/transportRequests/{id}/tracking}, new in TMS API 2.3.1, or, when the service does not serve it, by listing
 * every node's queue (the 2.2.1 way: one call for the nodes and one per node).
 *
 * <p><b>The tracking answer's schema is not public.</b> The client reads a {@code nodes} array whose elements carry
 * {@code nodeId}, {@code nodeName}, {@code status} and {@code queuedAt}, the shape the SDK's testkit serves; that
 * shape is a guess. An answer without such an array is not trusted: the queues are listed instead and the answer
 * is kept in {@link #raw()}. Either way {@link #raw()} holds the answer as it came, unknown fields included.
 *
 * <pre>{@code
 * TransportRequestTracking t = deployment.tracking(TransportRequestId.of(1001));
 * t.queues().forEach(q -> System.out.println(q.nodeName() + ": " + q.status()));
 * }</pre>
 *
 * @param transportRequestId the transport request
 * @param queues its status per node queue, in the order the answer lists them
 * @param fromQueueScan true when the queues were listed instead of reading the tracking endpoint
 * @param raw the tracking endpoint's answer as it came (empty when it was not read)
 */
public record TransportRequestTracking(
    TransportRequestId transportRequestId, List<Queue> queues, boolean fromQueueScan, Map<String, Object> raw) {
  /** Checks and copies. */
  public TransportRequestTracking {
    Objects.requireNonNull(transportRequestId, "transportRequestId");
    queues = queues == null ? List.of() : List.copyOf(queues);
    raw = raw == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(raw));
  }

  /**
   * The status of the transport request in one node's queue.
   *
   * <pre>{@code
   * TransportRequestTracking.Queue q = t.queues().get(0);
   * }</pre>
   *
   * @param nodeId the node's id, or null when the answer had none
   * @param nodeName the node's name, or null when the answer had none
   * @param status its status there, verbatim for unknown values
   * @param queuedAt when it entered that queue, or null
   */
  public record Queue(NodeId nodeId, NodeName nodeName, TransportStatus status, Instant queuedAt) {}
}
