package io.github.calmsdk.deployment;

import java.util.List;

/**
 * The log of one transport request inside an action, from {@code GET /v2/actions/{id}/logs}.
 *
 * <pre>{@code
 * for (ActionLog log : action.logs()) {
 *   log.messages().forEach(m -> System.out.println(log.transportRequestId() + " " + m.message()));
 * }
 * }</pre>
 *
 * @param transportRequestId the transport request, or null when the server sent none
 * @param status its status in the action, or null
 * @param messages its messages
 * @param entities its files or references with their own messages
 */
public record ActionLog(
    TransportRequestId transportRequestId,
    TransportStatus status,
    List<LogMessage> messages,
    List<TransportEntity> entities) {
  /** Copies the lists. */
  public ActionLog {
    messages = messages == null ? List.of() : List.copyOf(messages);
    entities = entities == null ? List.of() : List.copyOf(entities);
  }
}
