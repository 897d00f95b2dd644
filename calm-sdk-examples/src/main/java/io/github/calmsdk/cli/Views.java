package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.Node;
import io.github.calmsdk.deployment.QueueEntry;
import io.github.calmsdk.deployment.StatusChange;
import io.github.calmsdk.deployment.TransportOutcome;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.deployment.UploadedFile;
import io.github.calmsdk.features.Feature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON shapes of the command line's answers: plain objects with stable names, ids as numbers, statuses as the
 * server writes them and times as ISO-8601 strings. Built here rather than by serializing SDK records, so the
 * output stays the same when a record gains a field.
 */
final class Views {
  private Views() {}

  /** An object from name-value pairs, in order. */
  static Map<String, Object> object(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  static Map<String, Object> node(Node n) {
    return object(
        "id", n.id().value(),
        "name", n.name().value(),
        "description", n.description(),
        "uploadAllowed", n.uploadAllowed(),
        "importDisabled", n.importDisabled(),
        "importDisabledReason", n.importDisabledReason(),
        "forwardMode", n.forwardMode(),
        "virtual", n.virtual());
  }

  static Map<String, Object> transportRequest(TransportRequest t) {
    return object(
        "id", t.id().value(),
        "status", t.status().value(),
        "archived", t.archived(),
        "position", t.position(),
        "description", t.description(),
        "createdBy", t.createdBy(),
        "createdByNamedUser", t.createdByNamedUser(),
        "createdAt", t.createdAt(),
        "queuedAt", t.queuedAt(),
        "origin", t.origin(),
        "entries",
        t.entries().stream()
            .map(e -> object(
                "id", e.id(),
                "storageType", e.storageType() == null ? null : e.storageType().value(),
                "contentType", e.contentType() == null ? null : e.contentType().value(),
                "uri", e.uri()))
            .collect(Collectors.toList()));
  }

  static Map<String, Object> export(ExportResult r) {
    return object(
        "transportRequestId", r.transportRequestId().value(),
        "description", r.description(),
        "recovered", r.recovered(),
        "queueEntries", r.queueEntries().stream().map(Views::queueEntry).collect(Collectors.toList()),
        "uploadedFiles", r.uploadedFiles().stream().map(Views::uploadedFile).collect(Collectors.toList()));
  }

  private static Map<String, Object> queueEntry(QueueEntry q) {
    return object(
        "queueId", q.queueId().isPresent() ? q.queueId().getAsLong() : null,
        "nodeId", q.nodeId().value(),
        "nodeName", q.nodeName().value());
  }

  private static Map<String, Object> uploadedFile(UploadedFile f) {
    return object("fileId", f.fileId(), "fileName", f.fileName());
  }

  /** An import or retry that was started and not awaited. */
  static Map<String, Object> started(ImportAction a) {
    return object(
        "actionId", a.actionId().value(),
        "nodeId", a.node().map(n -> n.value()).orElse(null),
        "transportRequests", ids(a.transportRequests()),
        "resetFirst", ids(a.resetFirst()),
        "finished", false);
  }

  /** An import or retry that was awaited to its end. */
  static Map<String, Object> outcome(ImportAction a, ImportOutcome o) {
    return object(
        "actionId", o.actionId().value(),
        "nodeId", a.node().map(n -> n.value()).orElse(null),
        "nodeName", o.nodeName(),
        "status", o.status().value(),
        "finished", o.isFinished(),
        "successful", o.isSuccessful(),
        "resetFirst", ids(a.resetFirst()),
        "startedAt", o.startedAt(),
        "endedAt", o.endedAt(),
        "transportRequests",
        o.transportRequests().stream().map(Views::transportOutcome).collect(Collectors.toList()));
  }

  private static Map<String, Object> transportOutcome(TransportOutcome t) {
    return object("id", t.transportRequestId().value(), "status", t.status().value());
  }

  static Map<String, Object> change(StatusChange c, String node) {
    return object(
        "transportRequestId", c.transportRequestId().value(),
        "node", node,
        "nodeId", c.node().value(),
        "from", c.from().map(TransportStatus::value).orElse(null),
        "to", c.to().map(TransportStatus::value).orElse(null),
        "observedAt", c.observedAt());
  }

  static Map<String, Object> feature(Feature f) {
    return object(
        "uuid", f.uuid(),
        "displayId", f.displayId(),
        "title", f.title(),
        "projectId", f.projectId(),
        "statusCode", f.statusCode(),
        "priorityCode", f.priorityCode(),
        "releaseId", f.releaseId(),
        "scopeId", f.scopeId(),
        "responsibleId", f.responsibleId(),
        "workstreamId", f.workstreamId(),
        "type", f.type(),
        "tags", f.tags(),
        "createdAt", f.createdAt(),
        "modifiedAt", f.modifiedAt());
  }

  static List<Long> ids(List<TransportRequestId> ids) {
    return ids.stream().map(TransportRequestId::value).collect(Collectors.toList());
  }
}
