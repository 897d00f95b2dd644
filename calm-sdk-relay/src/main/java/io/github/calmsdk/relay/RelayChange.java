package io.github.calmsdk.relay;

import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * A status change of a transport request in a node's queue, found by comparing the queue with the snapshot the
 * relay persisted last time. The id is stable: the same change seen twice (for instance by two processes, or after
 * a crash before the snapshot was saved) has the same id, so consumers can drop duplicates.
 *
 * <pre>{@code
 * for (RelayChange c : relay.watch(NodeName.of("QAS"))) {
 *   System.out.println(c.transportRequestId() + " -> " + c.to().map(Object::toString).orElse("gone"));
 * }
 * }</pre>
 *
 * @param id the stable id: node, transport request, old and new status
 * @param node the node name watched
 * @param transportRequestId the transport request
 * @param from its status in the snapshot, empty when it is new in the queue
 * @param to its status now, empty when it left the queue
 */
public record RelayChange(
    String id, String node, TransportRequestId transportRequestId, Optional<TransportStatus> from,
    Optional<TransportStatus> to) {
  /** Checks the fields. */
  public RelayChange {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(transportRequestId, "transportRequestId");
    from = from == null ? Optional.empty() : from;
    to = to == null ? Optional.empty() : to;
  }
}
