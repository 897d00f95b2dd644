package io.github.calmsdk.testkit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one transport request in the fake, for assertions. A transport request can sit in several queues
 * (one per node) with a different status in each.
 *
 * <pre>{@code
 * FakeTransportRequest tr = fake.transportRequest(trId);
 * assertThat(tr.queueNodeIds()).containsExactly(fake.nodeId("QAS"));
 * assertThat(tr.statusIn(fake.nodeId("QAS"))).isEqualTo("succeeded");
 * }</pre>
 *
 * @param id the transport request id
 * @param status the status in the queue entry that changed last (the most recent event in the landscape)
 * @param queueNodeIds the ids of the nodes whose queues hold the transport request, in the order it entered them
 * @param statusByNode the status per node id, in the same order
 * @param description the description
 * @param namedUser the named user given at creation, or null
 * @param entryUris the entries' uris (file ids for FILE storage)
 * @param contentType the content type, such as {@code MTA}
 * @param storageType {@code FILE} or {@code REFERENCE}
 * @param createdBy the client id that created it
 * @param createdAt when it was created, on the fake's clock
 */
public record FakeTransportRequest(
    long id,
    String status,
    List<Long> queueNodeIds,
    Map<Long, String> statusByNode,
    String description,
    String namedUser,
    List<String> entryUris,
    String contentType,
    String storageType,
    String createdBy,
    Instant createdAt) {

  /**
   * Copies the collections.
   *
   * @param id the transport request id
   * @param status the status in the queue entry that changed last
   * @param queueNodeIds the node ids of its queues
   * @param statusByNode the status per node id
   * @param description the description
   * @param namedUser the named user, or null
   * @param entryUris the entries' uris
   * @param contentType the content type
   * @param storageType the storage type
   * @param createdBy the creating client id
   * @param createdAt the creation time
   */
  public FakeTransportRequest {
    queueNodeIds = List.copyOf(queueNodeIds);
    statusByNode = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statusByNode));
    entryUris = List.copyOf(entryUris);
    Objects.requireNonNull(status, "status");
  }

  /**
   * The status in one node's queue.
   *
   * @param nodeId the node id, for example {@code fake.nodeId("QAS")}
   * @return the status, such as {@code initial} or {@code succeeded}, or null when it is not in that queue
   */
  public String statusIn(long nodeId) {
    return statusByNode.get(nodeId);
  }
}
