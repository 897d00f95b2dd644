package io.github.calmsdk.deployment;

import java.util.List;

/**
 * One entity (a file or reference) handled inside an action, with its own status and, in logs, its messages.
 *
 * <pre>{@code
 * outcome.transportRequests().get(0).entities().forEach(e -> System.out.println(e.fileName() + " " + e.status()));
 * }</pre>
 *
 * @param id the entity id, 0 when the server sent none
 * @param uri the entry URI, or null
 * @param fileName the file name, or null
 * @param status the entity's status, or null when the server sent none
 * @param messages its log messages; empty outside logs
 */
public record TransportEntity(
    long id, String uri, String fileName, TransportStatus status, List<LogMessage> messages) {
  /** Copies the list. */
  public TransportEntity {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }
}
