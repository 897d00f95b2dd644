package io.github.calmsdk.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.calmsdk.testkit.internal.TmsStore.Action;
import io.github.calmsdk.testkit.internal.TmsStore.Descriptor;
import io.github.calmsdk.testkit.internal.TmsStore.Entry;
import io.github.calmsdk.testkit.internal.TmsStore.Message;
import io.github.calmsdk.testkit.internal.TmsStore.Node;
import io.github.calmsdk.testkit.internal.TmsStore.QueueEntry;
import io.github.calmsdk.testkit.internal.TmsStore.Route;
import io.github.calmsdk.testkit.internal.TmsStore.Tr;
import java.time.Instant;
import java.util.List;

/** Renders the store's records in the transport-management wire shapes. Callers hold the store's lock. */
final class TmsJson {
  private final ObjectMapper json;
  private final Settings settings;
  private final TmsStore store;

  TmsJson(ObjectMapper json, Settings settings, TmsStore store) {
    this.json = json;
    this.settings = settings;
    this.store = store;
  }

  ObjectNode object() {
    return json.createObjectNode();
  }

  static HttpResp ok(ObjectNode node) {
    return HttpResp.json(200, node.toString());
  }

  ObjectNode versions() {
    ObjectNode out = object();
    ArrayNode v = out.putArray("supportedVersions");
    v.addObject().put("version", "1").put("path", "v1");
    v.addObject().put("version", "2").put("path", "v2");
    return out;
  }

  ObjectNode node(Node n) {
    ObjectNode o = object();
    o.put("id", n.id);
    o.put("name", n.name);
    o.put("description", n.description);
    o.put("uploadAllowed", n.uploadAllowed);
    o.put("notificationEnabled", false);
    o.put("forwardMode", settings.autoForward() ? "AUTO" : "MANUAL");
    o.put("importDisabled", false);
    ArrayNode targets = o.putArray("targets");
    if (n.contentType != null) {
      targets.addObject()
          .put("id", n.id)
          .put("contentType", n.contentType)
          .put("destinationName", n.name + "_DESTINATION");
    }
    o.put("virtual", false);
    if (n.controlledBy != null) {
      o.put("controlledBy", n.controlledBy);
    }
    return o;
  }

  ObjectNode route(Route r) {
    String name = store.nodes.get(r.source()).name + "_" + store.nodes.get(r.target()).name;
    return object()
        .put("id", r.id())
        .put("name", name)
        .put("description", "Route " + name)
        .put("sourceNodeId", r.source())
        .put("targetNodeId", r.target());
  }

  /** The answer of /v2/nodes/upload and /v2/nodes/export. */
  ObjectNode created(Tr tr, List<QueueEntry> entries) {
    ObjectNode out = object();
    out.put("transportRequestId", tr.id);
    out.put("transportRequestDescription", tr.description);
    ArrayNode qe = out.putArray("queueEntries");
    for (QueueEntry e : entries) {
      qe.addObject().put("queueId", e.queueId).put("nodeId", e.node.id).put("nodeName", e.node.name);
    }
    return out;
  }

  /** One element of a node's queue, as in GET /v2/nodes/{id}/transportRequests. */
  ObjectNode queueElement(QueueEntry e) {
    Tr tr = e.tr;
    ObjectNode o = object();
    o.put("id", tr.id);
    o.put("status", e.status);
    o.put("archived", false);
    o.put("position", e.node.position(e));
    o.put("createdBy", tr.createdBy);
    o.put("createdByNamedUser", tr.namedUser);
    o.put("createdAt", Times.format(tr.createdAt));
    o.put("queuedAt", Times.format(e.queuedAt));
    o.put("description", tr.description);
    o.put("origin", tr.origin);
    ArrayNode entries = o.putArray("entries");
    for (Entry en : tr.entries) {
      entries.addObject()
          .put("id", en.id())
          .put("storageType", tr.storageType)
          .put("contentType", tr.contentType)
          .put("uri", en.uri());
    }
    return o;
  }

  /**
   * The answer of GET /v2/transportRequests/{id}/tracking. Its schema is not public; this shape is invented for
   * the fake: {@code {transportRequestId, description, nodes:[{nodeId, nodeName, status, queuedAt}]}}, one element
   * per queue the transport request entered, in that order.
   */
  ObjectNode tracking(Tr tr) {
    ObjectNode o = object();
    o.put("transportRequestId", tr.id);
    o.put("description", tr.description);
    ArrayNode arr = o.putArray("nodes");
    for (QueueEntry e : tr.entered) {
      arr.addObject()
          .put("nodeId", e.node.id)
          .put("nodeName", e.node.name)
          .put("status", e.status)
          .put("queuedAt", Times.format(e.queuedAt));
    }
    return o;
  }

  ObjectNode monitoring(Action a) {
    return object().put("actionId", a.id).put("monitoringURL", "/v2/actions/" + a.id);
  }

  ObjectNode action(Action a) {
    ObjectNode o = object();
    o.put("id", a.id);
    o.put("type", a.type);
    o.put("status", a.status);
    o.put("startedAt", stamp(a.startedAt));
    o.put("endedAt", stamp(a.endedAt));
    o.put("triggeredBy", a.triggeredBy);
    o.put("triggeredByNamedUser", a.namedUser);
    o.put("nodeName", a.node.name);
    ArrayNode arr = o.putArray("transportRequests");
    for (Tr tr : a.trs) {
      ObjectNode t = arr.addObject();
      String st = a.trStatus.get(tr.id);
      t.put("id", tr.id);
      t.put("status", st);
      ArrayNode entities = t.putArray("entities");
      tr.entries.forEach(e -> entities.add(entity(tr, e, st)));
    }
    return o;
  }

  /** One element of GET /v2/actions/{id}/logs. */
  ObjectNode actionLog(Action a, Tr tr) {
    String st = a.trStatus.get(tr.id);
    ObjectNode l = object();
    l.put("transportRequestId", tr.id);
    l.put("status", st);
    l.set("messages", messages(a, tr.id));
    l.set("entities", entitiesWithMessages(a, tr, st));
    return l;
  }

  /** One element of GET /v2/nodes/{id}/transportRequests/{trId}/logs. */
  ObjectNode trLog(Action a, Tr tr) {
    String st = a.trStatus.get(tr.id);
    ObjectNode l = object();
    l.put("actionId", a.id);
    l.put("actionType", a.type);
    l.put("status", st);
    l.put("actionStartedAt", stamp(a.startedAt));
    l.put("actionTriggeredBy", a.triggeredBy);
    l.put("actionTriggeredByNamedUser", a.namedUser);
    l.set("messages", messages(a, tr.id));
    l.set("entities", entitiesWithMessages(a, tr, st));
    return l;
  }

  ObjectNode descriptor(Descriptor d) {
    ObjectNode o = object();
    o.put("id", d.id());
    o.put("description", d.description());
    o.put("mtaId", d.mtaId());
    o.put("mtaExtId", d.mtaExtId());
    o.put("mtaVersion", d.mtaVersion());
    o.put("lastChangedAt", Times.format(d.lastChangedAt()));
    return o;
  }

  /** An action or log timestamp: the usual wire form, or the spec examples' form when configured. */
  private String stamp(Instant instant) {
    return settings.specTimestamps() ? Times.formatSpec(instant) : Times.format(instant);
  }

  private ArrayNode messages(Action a, long trId) {
    ArrayNode arr = json.createArrayNode();
    for (Message m : a.messages.getOrDefault(trId, List.of())) {
      arr.addObject()
          .put("id", m.id())
          .put("messageId", m.messageId())
          .put("severity", m.severity())
          .put("message", m.message())
          .put("createdAt", stamp(m.createdAt()));
    }
    return arr;
  }

  private ObjectNode entity(Tr tr, Entry e, String status) {
    ObjectNode o = object();
    o.put("id", e.id());
    o.put("uri", e.uri());
    o.put("fileName", store.fileName(tr, e));
    o.put("status", status);
    return o;
  }

  private ArrayNode entitiesWithMessages(Action a, Tr tr, String status) {
    ArrayNode arr = json.createArrayNode();
    for (Entry e : tr.entries) {
      ObjectNode o = entity(tr, e, status);
      o.set("messages", messages(a, tr.id));
      arr.add(o);
    }
    return arr;
  }
}
