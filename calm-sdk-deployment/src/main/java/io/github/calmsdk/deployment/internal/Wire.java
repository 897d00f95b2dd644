package io.github.calmsdk.deployment.internal;

import java.util.List;

/**
 * The JSON shapes of the transport management API, as lenient as possible: every field may be missing, statuses and
 * times are kept as text and interpreted when mapped to the public types.
 */
public final class Wire {
  private Wire() {}

  /** 201 of {@code POST /v2/files/upload}. */
  public record FileUploaded(Long fileId, String fileName) {}

  /** 200 of {@code POST /v2/nodes/export} and {@code /upload}. */
  public record TransportRequestCreated(
      Long transportRequestId, String transportRequestDescription, List<QueueEntry> queueEntries) {}

  /** One queue entry of a created transport request. */
  public record QueueEntry(Long queueId, Long nodeId, String nodeName) {}

  /** {@code GET /v2/nodes}. */
  public record Nodes(List<Node> nodes) {}

  /** A node. */
  public record Node(
      Long id,
      String name,
      String description,
      Boolean uploadAllowed,
      Boolean importDisabled,
      String importDisabledReason,
      String forwardMode,
      Boolean virtual,
      List<Target> targets,
      String controlledBy) {}

  /** A target of a node: where its imports go and which content type it takes. */
  public record Target(Long id, String contentType, String destinationName) {}

  /** {@code GET /v2/nodes/{nodeId}/mtaExtDescriptors}. */
  public record MtaExtDescriptors(List<MtaExtDescriptor> mtaExtDescriptors) {}

  /** An MTA extension descriptor, as Project Piper reads it. */
  public record MtaExtDescriptor(
      Long id, String description, String mtaId, String mtaExtId, String mtaVersion, String lastChangedAt) {}

  /** {@code GET /v2/routes}. */
  public record Routes(List<Route> routes) {}

  /** A route between two nodes. */
  public record Route(Long id, String name, String description, Long sourceNodeId, Long targetNodeId) {}

  /** {@code GET /v2/nodes/{id}/transportRequests}. */
  public record TransportRequests(List<TransportRequest> transportRequests) {}

  /** A transport request in a queue. */
  public record TransportRequest(
      Long id,
      String status,
      Boolean archived,
      Long position,
      String createdBy,
      String createdByNamedUser,
      String createdAt,
      String queuedAt,
      String description,
      String origin,
      List<Entry> entries) {}

  /** An entry of a transport request. */
  public record Entry(Long id, String storageType, String contentType, String uri) {}

  /** 200 of import and importAll. */
  public record ActionStarted(Long actionId, String monitoringURL) {}

  /** {@code GET /v2/actions/{id}}. */
  public record Action(
      Long id,
      String type,
      String status,
      String startedAt,
      String endedAt,
      String triggeredBy,
      String triggeredByNamedUser,
      String nodeName,
      List<ActionTransportRequest> transportRequests) {}

  /** A transport request inside an action. */
  public record ActionTransportRequest(Long id, String status, List<Entity> entities) {}

  /** An entity inside an action or a log. */
  public record Entity(Long id, String uri, String fileName, String status, List<Message> messages) {}

  /** A log message. */
  public record Message(Long id, String messageId, String severity, String message, String createdAt) {}

  /** {@code GET /v2/actions/{id}/logs}. */
  public record ActionLogs(List<ActionLog> logs) {}

  /** The log of one transport request in an action. */
  public record ActionLog(Long transportRequestId, String status, List<Message> messages, List<Entity> entities) {}

  /** {@code GET /v2/nodes/{nodeId}/transportRequests/{id}/logs}. */
  public record TransportRequestLogs(List<TransportRequestLog> logs) {}

  /** The log of one action on a transport request. */
  public record TransportRequestLog(
      Long actionId,
      String actionType,
      String status,
      String actionStartedAt,
      String actionTriggeredBy,
      String actionTriggeredByNamedUser,
      List<Message> messages,
      List<Entity> entities) {}
}
