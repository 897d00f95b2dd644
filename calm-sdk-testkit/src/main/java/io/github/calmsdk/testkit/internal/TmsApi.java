package io.github.calmsdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.calmsdk.testkit.internal.TmsLifecycle.Transition;
import io.github.calmsdk.testkit.internal.TmsStore.Action;
import io.github.calmsdk.testkit.internal.TmsStore.Node;
import io.github.calmsdk.testkit.internal.TmsStore.QueueEntry;
import io.github.calmsdk.testkit.internal.TmsStore.Tr;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The HTTP routing of the CTMS-compatible transport-management API ({@code .../v2/...}): it matches the path, reads
 * the request with {@link TmsInput}, changes state through {@link TmsLifecycle} under the store's lock and renders
 * with {@link TmsJson}. Files and MTA extension descriptors are served by {@link TmsArtifacts}.
 */
final class TmsApi {
  /** The Cloud ALM pass-through prefix. */
  static final String PREFIX = "/api/imp-cdm-transport-management-api/v1";
  /** Where a CTMS service key's {@code uri} points: the fake's CTMS instance, TMS under {@code {uri}/v2/...}. */
  static final String CTMS_PREFIX = "/ctms";

  private static final Set<String> CONTENT_TYPES = Set.of("MTA", "BTP_ABAP", "APP", "XSCDU");
  private static final Set<String> STORAGE_TYPES = Set.of("FILE", "REFERENCE");

  private final Settings settings;
  private final TmsStore store;
  private final TmsLifecycle lifecycle;
  private final TmsInput in;
  private final TmsJson out;
  private final TmsArtifacts artifacts;

  TmsApi(Settings settings, ObjectMapper json, TmsStore store, TmsLifecycle lifecycle) {
    this.settings = settings;
    this.store = store;
    this.lifecycle = lifecycle;
    this.in = new TmsInput(json);
    this.out = new TmsJson(json, settings, store);
    this.artifacts = new TmsArtifacts(store, out);
  }

  /** Whether a request needs the manage scope (everything but reads). */
  static boolean isWrite(String method) {
    return !method.equals("GET") && !method.equals("HEAD");
  }

  // ------------------------------------------------------------------------------------------------ routing

  HttpResp handle(Req req, String sub) throws IOException {
    String[] s = Arrays.stream(sub.split("/")).filter(x -> !x.isEmpty()).toArray(String[]::new);
    String m = req.method;
    if (s.length == 1 && s[0].equals("versions")) {
      return only(m, "GET") ? TmsJson.ok(out.versions()) : notAllowed(m);
    }
    if (s.length < 2 || !s[0].equals("v2")) {
      return noEndpoint(req);
    }
    switch (s[1]) {
      case "files":
        if (s.length == 3 && s[2].equals("upload")) {
          return only(m, "POST") ? artifacts.upload(req) : notAllowed(m);
        }
        if (s.length == 3) {
          return only(m, "DELETE") ? artifacts.deleteFile(TmsInput.id(s[2], "fileId")) : notAllowed(m);
        }
        break;
      case "routes":
        if (s.length == 2) {
          return only(m, "GET") ? routes() : notAllowed(m);
        }
        break;
      case "actions":
        if (s.length == 3) {
          return only(m, "GET") ? action(TmsInput.id(s[2], "actionId")) : notAllowed(m);
        }
        if (s.length == 4 && s[3].equals("logs")) {
          return only(m, "GET") ? actionLogs(TmsInput.id(s[2], "actionId")) : notAllowed(m);
        }
        break;
      case "nodes":
        return nodes(req, s);
      case "transportRequests":
        if (s.length == 4 && s[3].equals("tracking")) {
          if (!settings.tms231Reads()) {
            return absent231(req);
          }
          return only(m, "GET") ? tracking(TmsInput.id(s[2], "transportRequestId")) : notAllowed(m);
        }
        break;
      default:
        break;
    }
    return noEndpoint(req);
  }

  private HttpResp nodes(Req req, String[] s) throws IOException {
    String m = req.method;
    if (s.length == 2) {
      return only(m, "GET") ? nodeList() : notAllowed(m);
    }
    if (s.length == 3 && (s[2].equals("upload") || s[2].equals("export"))) {
      return only(m, "POST") ? createTr(req, s[2].equals("export")) : notAllowed(m);
    }
    long nodeId = TmsInput.id(s[2], "nodeId");
    if (s.length == 3) {
      return only(m, "GET") ? node(nodeId) : notAllowed(m);
    }
    if (s[3].equals("transportRequests")) {
      return transportRequests(req, s, nodeId);
    }
    if (s[3].equals("mtaExtDescriptors")) {
      if (s.length == 4 && m.equals("GET")) {
        return artifacts.listDescriptors(req, nodeId);
      }
      if (s.length == 4 && m.equals("POST")) {
        return artifacts.putDescriptor(req, nodeId, null);
      }
      if (s.length == 5) {
        long id = TmsInput.id(s[4], "id");
        switch (m) {
          case "GET":
            return artifacts.getDescriptor(nodeId, id);
          case "PUT":
            return artifacts.putDescriptor(req, nodeId, id);
          case "DELETE":
            return artifacts.deleteDescriptor(nodeId, id);
          default:
            break;
        }
      }
      return notAllowed(m);
    }
    return noEndpoint(req);
  }

  private HttpResp transportRequests(Req req, String[] s, long nodeId) {
    String m = req.method;
    if (s.length == 4) {
      return only(m, "GET") ? listTrs(req, nodeId) : notAllowed(m);
    }
    if (s.length == 5 && m.equals("GET") && TmsInput.parseLong(s[4]) != null) {
      return settings.tms231Reads() ? oneTr(nodeId, TmsInput.id(s[4], "transportRequestId")) : absent231(req);
    }
    if (s.length == 5) {
      if (!only(m, "POST")) {
        return notAllowed(m);
      }
      switch (s[4]) {
        case "import":
          return importTrs(req, nodeId, false);
        case "importAll":
          return importTrs(req, nodeId, true);
        case "forward":
          return transition(req, nodeId, Transition.FORWARD);
        case "reset":
          return transition(req, nodeId, Transition.RESET);
        case "remove":
          return transition(req, nodeId, Transition.REMOVE);
        default:
          break;
      }
    }
    if (s.length == 6 && s[5].equals("logs")) {
      return only(m, "GET") ? trLogs(nodeId, TmsInput.id(s[4], "transportRequestId")) : notAllowed(m);
    }
    return noEndpoint(req);
  }

  private static boolean only(String method, String allowed) {
    return method.equals(allowed);
  }

  // ------------------------------------------------------------------------------------------------ endpoints

  private HttpResp nodeList() {
    return store.locked(() -> {
      ObjectNode o = out.object();
      ArrayNode arr = o.putArray("nodes");
      store.nodes.values().forEach(n -> arr.add(out.node(n)));
      return TmsJson.ok(o);
    });
  }

  private HttpResp node(long nodeId) {
    return store.locked(() -> TmsJson.ok(out.node(store.requireNode(nodeId))));
  }

  private HttpResp routes() {
    return store.locked(() -> {
      ObjectNode o = out.object();
      ArrayNode arr = o.putArray("routes");
      store.routes.forEach(r -> arr.add(out.route(r)));
      return TmsJson.ok(o);
    });
  }

  private HttpResp createTr(Req req, boolean export) {
    JsonNode body = in.body(req, true);
    String nodeName = TmsInput.text(body, "nodeName", true, 30);
    String contentType = TmsInput.text(body, "contentType", true, -1);
    if (!CONTENT_TYPES.contains(contentType)) {
      throw TmsErrors.badRequest("Invalid contentType '" + contentType + "'; allowed: APP, BTP_ABAP, MTA, XSCDU");
    }
    String storageType = TmsInput.text(body, "storageType", true, -1);
    if (!STORAGE_TYPES.contains(storageType)) {
      throw TmsErrors.badRequest("Invalid storageType '" + storageType + "'; allowed: FILE, REFERENCE");
    }
    JsonNode entriesNode = body.get("entries");
    if (entriesNode == null || !entriesNode.isArray() || entriesNode.isEmpty()) {
      throw TmsErrors.badRequest("entries must be a non-empty array");
    }
    List<String> uris = new ArrayList<>();
    for (JsonNode e : entriesNode) {
      if (!e.isObject()) {
        throw TmsErrors.badRequest("each entry must be an object with a uri");
      }
      uris.add(TmsInput.text(e, "uri", true, 256));
    }
    String description = TmsInput.text(body, "description", true, 512);
    String namedUser = TmsInput.text(body, "namedUser", false, 60);
    return store.locked(() -> {
      lifecycle.completeDue();
      Node node = store.findNode(nodeName);
      if (node == null) {
        throw TmsErrors.notFound("Node with name '" + nodeName + "' does not exist");
      }
      if (!export && !node.uploadAllowed) {
        throw TmsErrors.badRequest("Upload to node " + nodeName + " is not allowed");
      }
      if (storageType.equals("FILE")) {
        for (String uri : uris) {
          Long fileId = TmsInput.parseLong(uri);
          if (fileId == null || !store.files.containsKey(fileId)) {
            throw TmsErrors.unprocessable("Entry uri '" + uri + "' is not the ID of an uploaded file");
          }
        }
      }
      List<Node> targets = export ? store.followOn(node) : List.of(node);
      if (targets.isEmpty()) {
        throw TmsErrors.badRequest("Node " + nodeName + " has no follow-on nodes to export to");
      }
      Tr tr = store.newTr(description, contentType, storageType, uris, req.clientId, namedUser, nodeName);
      lifecycle.create(node, export, tr, targets);
      return TmsJson.ok(out.created(tr, tr.entered));
    });
  }

  private HttpResp listTrs(Req req, long nodeId) {
    String status = req.param("status");
    if (status == null || status.isBlank()) {
      throw TmsErrors.badRequest("Required request parameter 'status' is not present");
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String code : status.split(",")) {
      String name = TmsLifecycle.STATUS_CODES.get(code.trim().toLowerCase(Locale.ROOT));
      if (name == null) {
        throw TmsErrors.badRequest(
            "Invalid status '" + code.trim() + "'; allowed: in, ru, re, su, sk, wa, er, fa, de");
      }
      wanted.add(name);
    }
    Instant createdFrom = TmsInput.time(req, "createdAtFrom");
    Instant createdTo = TmsInput.time(req, "createdAtTo");
    Instant queuedFrom = TmsInput.time(req, "queuedAtFrom");
    Instant queuedTo = TmsInput.time(req, "queuedAtTo");
    String owner = req.param("owner");
    return store.locked(() -> {
      lifecycle.completeDue();
      Node node = store.requireNode(nodeId);
      ObjectNode o = out.object();
      ArrayNode arr = o.putArray("transportRequests");
      for (QueueEntry e : node.queue) {
        Tr tr = e.tr;
        if (wanted.contains(e.status)
            && (createdFrom == null || !tr.createdAt.isBefore(createdFrom))
            && (createdTo == null || !tr.createdAt.isAfter(createdTo))
            && (queuedFrom == null || !e.queuedAt.isBefore(queuedFrom))
            && (queuedTo == null || !e.queuedAt.isAfter(queuedTo))
            && (owner == null || owner.equals(tr.createdBy) || owner.equals(tr.namedUser))) {
          arr.add(out.queueElement(e));
        }
      }
      return TmsJson.ok(o);
    });
  }

  private HttpResp importTrs(Req req, long nodeId, boolean all) {
    JsonNode body = in.body(req, !all);
    String namedUser = TmsInput.text(body, "namedUser", false, 60);
    List<Long> ids = all ? null : TmsInput.trIds(body);
    return store.locked(() -> {
      lifecycle.completeDue();
      Node node = store.requireNode(nodeId);
      List<QueueEntry> selected = lifecycle.importable(node, ids);
      Action a = lifecycle.startImport(node, selected, req.clientId, namedUser);
      return TmsJson.ok(out.monitoring(a));
    });
  }

  private HttpResp transition(Req req, long nodeId, Transition kind) {
    JsonNode body = in.body(req, true);
    String namedUser = TmsInput.text(body, "namedUser", false, 60);
    List<Long> ids = TmsInput.trIds(body);
    return store.locked(() -> {
      lifecycle.completeDue();
      lifecycle.transition(store.requireNode(nodeId), kind, ids, req.clientId, namedUser);
      return HttpResp.noContent();
    });
  }

  private HttpResp action(long actionId) {
    return store.locked(() -> {
      Action a = requireAction(actionId);
      lifecycle.read(a);
      return TmsJson.ok(out.action(a));
    });
  }

  private HttpResp actionLogs(long actionId) {
    return store.locked(() -> {
      lifecycle.completeDue();
      Action a = requireAction(actionId);
      ObjectNode o = out.object();
      ArrayNode logs = o.putArray("logs");
      a.trs.forEach(tr -> logs.add(out.actionLog(a, tr)));
      return TmsJson.ok(o);
    });
  }

  private HttpResp trLogs(long nodeId, long trId) {
    return store.locked(() -> {
      lifecycle.completeDue();
      Node node = store.requireNode(nodeId);
      store.requireEntry(node, trId);
      ObjectNode o = out.object();
      ArrayNode logs = o.putArray("logs");
      for (Action a : store.actions.values()) {
        if (a.nodeIds.contains(nodeId) && a.trStatus.containsKey(trId)) {
          logs.add(out.trLog(a, store.trs.get(trId)));
        }
      }
      return TmsJson.ok(o);
    });
  }

  /** TMS 2.3.1 NODE_TR_GET_V2: one transport request in a node's queue, shaped like a queue element. */
  private HttpResp oneTr(long nodeId, long trId) {
    return store.locked(() -> {
      lifecycle.completeDue();
      Node node = store.requireNode(nodeId);
      return TmsJson.ok(out.queueElement(store.requireEntry(node, trId)));
    });
  }

  /** TMS 2.3.1 TR_TRACKING_GET_V2: the statuses of one transport request in every queue it entered. */
  private HttpResp tracking(long trId) {
    return store.locked(() -> {
      lifecycle.completeDue();
      Tr tr = store.trs.get(trId);
      if (tr == null) {
        throw TmsErrors.notFound("Transport request " + trId + " does not exist");
      }
      return TmsJson.ok(out.tracking(tr));
    });
  }

  /** How the 2.3.1 reads answer when switched off: as an older service would, 404 or 405. */
  private HttpResp absent231(Req req) {
    return settings.tms231AbsentStatus() == 405 ? notAllowed(req.method) : noEndpoint(req);
  }

  private Action requireAction(long actionId) {
    Action a = store.actions.get(actionId);
    if (a == null) {
      throw TmsErrors.notFound("Action ID " + actionId + " does not exist");
    }
    return a;
  }

  private static HttpResp noEndpoint(Req req) {
    return TmsErrors.notFoundResponse("No endpoint " + req.method + " " + req.rawPath);
  }

  private static HttpResp notAllowed(String method) {
    return TmsErrors.notAllowedResponse(method);
  }
}
