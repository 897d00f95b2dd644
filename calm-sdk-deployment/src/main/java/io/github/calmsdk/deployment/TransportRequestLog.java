package io.github.calmsdk.deployment;

import java.time.Instant;
import java.util.List;

/**
 * The log of one action on a transport request, from {@code GET /v2/nodes/{nodeId}/transportRequests/{id}/logs}.
 *
 * <pre>{@code
 * for (TransportRequestLog log : deployment.transportRequestLogs(NodeName.of("QAS"), TransportRequestId.of(4711))) {
 *   System.out.println(log.actionType() + " " + log.status() + " at " + log.actionStartedAt());
 * }
 * }</pre>
 *
 * @param actionId the action, or null when the server sent none
 * @param actionType the action type code ({@code I} import, {@code RQ} reset, {@code FQ} forward, ...), or null
 * @param status the action's status for this transport request, or null
 * @param actionStartedAt when the action started, or null
 * @param actionTriggeredBy the technical user that started it, or null
 * @param actionTriggeredByNamedUser the named user that started it, or null
 * @param messages its messages
 * @param entities its files or references with their own messages
 */
public record TransportRequestLog(
    ActionId actionId,
    String actionType,
    TransportStatus status,
    Instant actionStartedAt,
    String actionTriggeredBy,
    String actionTriggeredByNamedUser,
    List<LogMessage> messages,
    List<TransportEntity> entities) {
  /** Copies the lists. */
  public TransportRequestLog {
    messages = messages == null ? List.of() : List.copyOf(messages);
    entities = entities == null ? List.of() : List.copyOf(entities);
  }
}
