package io.github.calmsdk.deployment;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A transport request's status changed between two polls of a node's queue.
 *
 * <p>{@code from} is empty when the transport request was not in the previous poll (it is new in the queue, or
 * the watcher emits its baseline); {@code to} is empty when it is no longer listed for the watched statuses (it
 * moved to a status not watched, or left the queue).
 *
 * <pre>{@code
 * StatusWatcher w = deployment.statusChanges(WatchRequest.of(NodeName.of("QAS")), change ->
 *     System.out.println(change.transportRequestId() + ": "
 *         + change.from().map(TransportStatus::value).orElse("-") + " -> "
 *         + change.to().map(TransportStatus::value).orElse("-")));
 * }</pre>
 *
 * @param transportRequestId the transport request
 * @param node the node whose queue was watched
 * @param from the status in the previous poll, empty when it was not listed
 * @param to the status now, empty when it is no longer listed
 * @param observedAt when the poll that saw the change ended
 */
public record StatusChange(
    TransportRequestId transportRequestId,
    NodeId node,
    Optional<TransportStatus> from,
    Optional<TransportStatus> to,
    Instant observedAt) {
  /** Checks the fields. */
  public StatusChange {
    Objects.requireNonNull(transportRequestId, "transportRequestId");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(observedAt, "observedAt");
  }
}
