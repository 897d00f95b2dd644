package io.github.calmsdk.deployment;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Where an export put a transport request: one node's queue.
 *
 * <pre>{@code
 * result.queueEntries().forEach(q -> System.out.println("queued in " + q.nodeName()));
 * }</pre>
 *
 * @param queueId the queue entry id; empty when the result was recovered by reading the queues, which list no
 *     queue entry id
 * @param nodeId the node
 * @param nodeName the node's name
 */
public record QueueEntry(OptionalLong queueId, NodeId nodeId, NodeName nodeName) {
  /** Checks the fields. */
  public QueueEntry {
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(nodeName, "nodeName");
  }
}
