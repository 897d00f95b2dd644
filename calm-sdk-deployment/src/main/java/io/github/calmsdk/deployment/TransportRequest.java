package io.github.calmsdk.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A transport request in a node's queue, as {@code GET /v2/nodes/{nodeId}/transportRequests} lists it.
 *
 * <pre>{@code
 * for (TransportRequest tr : deployment.transportRequests(TransportQuery.of(NodeName.of("QAS"),
 *     TransportStatus.ERROR, TransportStatus.FATAL))) {
 *   System.out.println(tr.id() + " " + tr.status() + " " + tr.description());
 * }
 * }</pre>
 *
 * @param id the id
 * @param status the status in this queue
 * @param archived whether the content was archived (then it can be neither imported nor forwarded)
 * @param position the position in the queue, 0 when the server sent none
 * @param createdBy the technical user that created it, or null
 * @param createdByNamedUser the named user that created it, or null
 * @param createdAt when it was created, or null when the server sent none or an unreadable value
 * @param queuedAt when it entered this queue, or null likewise
 * @param description the description, or null
 * @param origin where it came from (a node name or tool), or null
 * @param entries its files or references
 */
public record TransportRequest(
    TransportRequestId id,
    TransportStatus status,
    boolean archived,
    long position,
    String createdBy,
    String createdByNamedUser,
    Instant createdAt,
    Instant queuedAt,
    String description,
    String origin,
    List<TransportEntry> entries) {
  /** Checks the required fields and copies the list. */
  public TransportRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    entries = entries == null ? List.of() : List.copyOf(entries);
  }
}
