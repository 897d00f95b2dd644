package io.github.calmsdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.calmsdk.testkit.FakeTransportRequest;
import io.github.calmsdk.testkit.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The CTMS-compatible transport-management API ({@code /api/imp-cdm-transport-management-api/v1/v2/...}) and its
 * state: nodes, routes, files, transport requests, queues and actions. All state is guarded by one lock; no I/O
 * happens while it is held.
 */
final class TmsApi {
  static final String PREFIX = "/api/imp-cdm-transport-management-api/v1";

  private static final String EX = "com.sap.lm.sl.alm.ts.core.exception.service.";
  private static final Set<String> CONTENT_TYPES = Set.of("MTA", "BTP_ABAP", "APP", "XSCDU");
  private static final Set<String> STORAGE_TYPES = Set.of("FILE", "REFERENCE");
  private static final Map<String, String> STATUS_CODES = codes();
  private static final Set<String> IMPORTABLE = Set.of("initial", "fatal", "repeat");
  private static final Set<String> RESETTABLE = Set.of("error", "skipped", "succeeded");
  private static final Set<String> FORWARD_TO_REPEAT =
      Set.of("deleted", "error", "fatal", "skipped", "succeeded", "warning");
  private static final List<String> OUTCOMES = List.of("succeeded", "skipped", "warning", "error", "fatal");
  private static final int HEAD_BYTES = 1024;
  private static final int MAX_FIELD = 4096;
  private static final int MAX_DESCRIPTOR = 1024 * 1024;

  private static Map<String, String> codes() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("in", "initial");
    m.put("ru", "running");
    m.put("re", "repeat");
    m.put("su", "succeeded");
    m.put("sk", "skipped");
    m.put("wa", "warning");
    m.put("er", "error");
    m.put("fa", "fatal");
    m.put("de", "deleted");
    return Map.copyOf(m);
  }

  private static final class Node {
    final long id;
    final String name;
    final String description;
    final boolean uploadAllowed;
    final List<QueueEntry> queue = new ArrayList<>();

    Node(long id, String name, String description, boolean uploadAllowed) {
      this.id = id;
      this.name = name;
      this.description = description;
      this.uploadAllowed = uploadAllowed;
    }

    QueueEntry find(long trId) {
      for (QueueEntry e : queue) {
        if (e.tr.id == trId) {
          return e;
        }
      }
      return null;
    }
  }

  private record Route(long id, long source, long target) {}

  private record Entry(long id, String uri) {}

  private static final class Tr {
    final long id;
    final String description;
    final String contentType;
    final String storageType;
    final List<Entry> entries;
    final String createdBy;
    final String namedUser;
    final Instant createdAt;
    final String origin;
    final List<QueueEntry> entered = new ArrayList<>();

    Tr(long id, String description, String contentType, String storageType, List<Entry> entries,
        String createdBy, String namedUser, Instant createdAt, String origin) {
      this.id = id;
      this.description = description;
      this.contentType = contentType;
      this.storageType = storageType;
      this.entries = entries;
      this.createdBy = createdBy;
      this.namedUser = namedUser;
      this.createdAt = createdAt;
      this.origin = origin;
    }
  }

  private static final class QueueEntry {
    final long queueId;
    final Tr tr;
    final Node node;
    String status = "initial";
    Instant queuedAt;
    long changed;

    QueueEntry(long queueId, Tr tr, Node node) {
      this.queueId = queueId;
      this.tr = tr;
      this.node = node;
    }
  }

  private record Message(long id, String messageId, String severity, String message, Instant createdAt) {}

  private static final class Action {
    final long id;
    final String type;
    final Node node;
    final Set<Long> nodeIds = new LinkedHashSet<>();
    final List<Tr> trs = new ArrayList<>();
    final Map<Long, String> trStatus = new LinkedHashMap<>();
    final Map<Long, List<Message>> messages = new HashMap<>();
    final Instant startedAt;
    final String triggeredBy;
    final String namedUser;
    String status;
    Instant endedAt;
    int reads;

    Action(long id, String type, Node node, Instant startedAt, String triggeredBy, String namedUser) {
      this.id = id;
      this.type = type;
      this.node = node;
      this.startedAt = startedAt;
      this.triggeredBy = triggeredBy;
      this.namedUser = namedUser;
      nodeIds.add(node.id);
    }
  }

  private record Descriptor(
      long id, long nodeId, String description, String mtaId, String mtaExtId, String mtaVersion,
      Instant lastChangedAt) {}

  private final Settings settings;
  private final ObjectMapper json;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Long, Node> nodes = new LinkedHashMap<>();
  private final List<Route> routes = new ArrayList<>();
  private final Map<Long, UploadedFile> files = new LinkedHashMap<>();
  private final Map<Long, Tr> trs = new LinkedHashMap<>();
  private final Map<Long, Action> actions = new LinkedHashMap<>();
  private final List<Action> running = new ArrayList<>();
  private final Map<Long, Deque<String>> outcomes = new HashMap<>();
  private final Map<Long, Descriptor> descriptors = new LinkedHashMap<>();
  private final AtomicLong nodeIds = new AtomicLong();
  private final AtomicLong routeIds = new AtomicLong();
  private final AtomicLong fileIds = new AtomicLong(100_000);
  private final AtomicLong trIds = new AtomicLong(1_000);
  private final AtomicLong actionIds = new AtomicLong(200_000);
  private final AtomicLong queueIds = new AtomicLong(300_000);
  private final AtomicLong entryIds = new AtomicLong(400_000);
  private final AtomicLong messageIds = new AtomicLong(500_000);
  private final AtomicLong descriptorIds = new AtomicLong(600_000);
  private final AtomicLong changes = new AtomicLong();

  TmsApi(Settings settings, ObjectMapper json) {
    this.settings = settings;
    this.json = json;
    long dev = addNode("DEV", "Development", true);
    long qas = addNode("QAS", "Quality assurance", false);
    long prd = addNode("PRD", "Production", false);
    addRoute(dev, qas);
    addRoute(qas, prd);
  }

  // ------------------------------------------------------------------------------------------------ test helpers

  long addNode(String name, String description, boolean uploadAllowed) {
    if (name == null || name.isBlank() || name.length() > 30) {
      throw new IllegalArgumentException("a node name must have 1 to 30 characters: " + name);
    }
    lock.lock();
    try {
      if (findNode(name) != null) {
        throw new IllegalArgumentException("node " + name + " already exists");
      }
      long id = nodeIds.incrementAndGet();
      nodes.put(id, new Node(id, name, description, uploadAllowed));
      return id;
    } finally {
      lock.unlock();
    }
  }

  long addRoute(String from, String to) {
    lock.lock();
    try {
      return addRoute(nodeIdLocked(from), nodeIdLocked(to));
    } finally {
      lock.unlock();
    }
  }

  private long addRoute(long from, long to) {
    lock.lock();
    try {
      if (from == to) {
        throw new IllegalArgumentException("a route needs two different nodes");
      }
      for (Route r : routes) {
        if (r.source == from && r.target == to) {
          throw new IllegalArgumentException("that route already exists");
        }
      }
      long id = routeIds.incrementAndGet();
      routes.add(new Route(id, from, to));
      return id;
    } finally {
      lock.unlock();
    }
  }

  long nodeId(String name) {
    lock.lock();
    try {
      return nodeIdLocked(name);
    } finally {
      lock.unlock();
    }
  }

  private long nodeIdLocked(String name) {
    Node n = findNode(name);
    if (n == null) {
      throw new NoSuchElementException("no node named " + name);
    }
    return n.id;
  }

  void importOutcomes(long trId, List<String> statuses) {
    if (statuses.isEmpty()) {
      throw new IllegalArgumentException("give at least one outcome");
    }
    for (String s : statuses) {
      if (!OUTCOMES.contains(s)) {
        throw new IllegalArgumentException("an import outcome is one of " + OUTCOMES + ", not " + s);
      }
    }
    lock.lock();
    try {
      outcomes.put(trId, new ArrayDeque<>(statuses));
    } finally {
      lock.unlock();
    }
  }

  void setStatus(long trId, long nodeId, String status) {
    if (!STATUS_CODES.containsValue(status)) {
      throw new IllegalArgumentException("a status is one of " + STATUS_CODES.values() + ", not " + status);
    }
    lock.lock();
    try {
      Node node = nodes.get(nodeId);
      QueueEntry e = node == null ? null : node.find(trId);
      if (e == null) {
        throw new NoSuchElementException("transport request " + trId + " is not in the queue of node " + nodeId);
      }
      setEntryStatus(e, status);
    } finally {
      lock.unlock();
    }
  }

  void completeImports() {
    lock.lock();
    try {
      for (Action a : new ArrayList<>(running)) {
        complete(a);
      }
    } finally {
      lock.unlock();
    }
  }

  List<FakeTransportRequest> transportRequests() {
    lock.lock();
    try {
      completeDue();
      List<FakeTransportRequest> out = new ArrayList<>();
      for (Tr tr : trs.values()) {
        out.add(snapshot(tr));
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  FakeTransportRequest transportRequest(long id) {
    lock.lock();
    try {
      completeDue();
      Tr tr = trs.get(id);
      if (tr == null) {
        throw new NoSuchElementException("no transport request " + id);
      }
      return snapshot(tr);
    } finally {
      lock.unlock();
    }
  }

  List<UploadedFile> uploadedFiles() {
    lock.lock();
    try {
      return List.copyOf(files.values());
    } finally {
      lock.unlock();
    }
  }

  private FakeTransportRequest snapshot(Tr tr) {
    List<Long> nodeIdsOf = new ArrayList<>();
    Map<Long, String> statuses = new LinkedHashMap<>();
    QueueEntry last = null;
    for (QueueEntry e : tr.entered) {
      nodeIdsOf.add(e.node.id);
      statuses.put(e.node.id, e.status);
      if (last == null || e.changed > last.changed) {
        last = e;
      }
    }
    List<String> uris = new ArrayList<>();
    tr.entries.forEach(e -> uris.add(e.uri));
    return new FakeTransportRequest(
        tr.id, last == null ? "initial" : last.status, nodeIdsOf, statuses, tr.description, tr.namedUser, uris,
        tr.contentType, tr.storageType, tr.createdBy, tr.createdAt);
  }

  // ------------------------------------------------------------------------------------------------ routing

  /** Whether a request needs the manage scope (everything but reads). */
  static boolean isWrite(String method) {
    return !method.equals("GET") && !method.equals("HEAD");
  }

  HttpResp handle(Req req, String sub) throws IOException {
    String[] s = Arrays.stream(sub.split("/")).filter(x -> !x.isEmpty()).toArray(String[]::new);
    String m = req.method;
    if (s.length == 1 && s[0].equals("versions")) {
      return only(m, "GET") ? versions() : notAllowed(m);
    }
    if (s.length < 2 || !s[0].equals("v2")) {
      return notFound("No endpoint " + m + " " + req.rawPath);
    }
    switch (s[1]) {
      case "files":
        if (s.length == 3 && s[2].equals("upload")) {
          return only(m, "POST") ? upload(req) : notAllowed(m);
        }
        if (s.length == 3) {
          return only(m, "DELETE") ? deleteFile(id(s[2], "fileId")) : notAllowed(m);
        }
        break;
      case "routes":
        if (s.length == 2) {
          return only(m, "GET") ? routes() : notAllowed(m);
        }
        break;
      case "actions":
        if (s.length == 3) {
          return only(m, "GET") ? action(id(s[2], "actionId")) : notAllowed(m);
        }
        if (s.length == 4 && s[3].equals("logs")) {
          return only(m, "GET") ? actionLogs(id(s[2], "actionId")) : notAllowed(m);
        }
        break;
      case "nodes":
        return nodes(req, s);
      default:
        break;
    }
    return notFound("No endpoint " + m + " " + req.rawPath);
  }

  private HttpResp nodes(Req req, String[] s) throws IOException {
    String m = req.method;
    if (s.length == 2) {
      return only(m, "GET") ? nodeList() : notAllowed(m);
    }
    if (s.length == 3 && (s[2].equals("upload") || s[2].equals("export"))) {
      return only(m, "POST") ? createTr(req, s[2].equals("export")) : notAllowed(m);
    }
    long nodeId = id(s[2], "nodeId");
    if (s.length == 3) {
      return only(m, "GET") ? node(nodeId) : notAllowed(m);
    }
    if (s[3].equals("transportRequests")) {
      if (s.length == 4) {
        return only(m, "GET") ? listTrs(req, nodeId) : notAllowed(m);
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
          case "reset":
          case "remove":
            return transition(req, nodeId, s[4]);
          default:
            break;
        }
      }
      if (s.length == 6 && s[5].equals("logs")) {
        return only(m, "GET") ? trLogs(nodeId, id(s[4], "transportRequestId")) : notAllowed(m);
      }
    }
    if (s[3].equals("mtaExtDescriptors")) {
      if (s.length == 4 && m.equals("GET")) {
        return listDescriptors(req, nodeId);
      }
      if (s.length == 4 && m.equals("POST")) {
        return putDescriptor(req, nodeId, null);
      }
      if (s.length == 5 && m.equals("PUT")) {
        return putDescriptor(req, nodeId, id(s[4], "id"));
      }
      return notAllowed(m);
    }
    return notFound("No endpoint " + m + " " + req.rawPath);
  }

  private static boolean only(String method, String allowed) {
    return method.equals(allowed);
  }

  // ------------------------------------------------------------------------------------------------ endpoints

  private HttpResp versions() {
    ObjectNode out = json.createObjectNode();
    ArrayNode v = out.putArray("supportedVersions");
    v.addObject().put("version", "1").put("path", "v1");
    v.addObject().put("version", "2").put("path", "v2");
    return ok(out);
  }

  private HttpResp nodeList() {
    lock.lock();
    try {
      ObjectNode out = json.createObjectNode();
      ArrayNode arr = out.putArray("nodes");
      nodes.values().forEach(n -> arr.add(nodeJson(n)));
      return ok(out);
    } finally {
      lock.unlock();
    }
  }

  private HttpResp node(long nodeId) {
    lock.lock();
    try {
      return ok(nodeJson(node(nodeId, true)));
    } finally {
      lock.unlock();
    }
  }

  private ObjectNode nodeJson(Node n) {
    ObjectNode o = json.createObjectNode();
    o.put("id", n.id);
    o.put("name", n.name);
    o.put("description", n.description);
    o.put("uploadAllowed", n.uploadAllowed);
    o.put("notificationEnabled", false);
    o.put("forwardMode", settings.autoForward() ? "AUTO" : "MANUAL");
    o.put("importDisabled", false);
    o.putArray("targets");
    o.put("virtual", false);
    return o;
  }

  private HttpResp routes() {
    lock.lock();
    try {
      ObjectNode out = json.createObjectNode();
      ArrayNode arr = out.putArray("routes");
      for (Route r : routes) {
        String name = nodes.get(r.source).name + "_" + nodes.get(r.target).name;
        arr.addObject()
            .put("id", r.id)
            .put("name", name)
            .put("description", "Route " + name)
            .put("sourceNodeId", r.source)
            .put("targetNodeId", r.target);
      }
      return ok(out);
    } finally {
      lock.unlock();
    }
  }

  private HttpResp upload(Req req) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> fields = new HashMap<>();
    long[] size = {-1};
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    String[] fileMeta = new String[2];
    readForm(req, fields, (part, in) -> {
      fileMeta[0] = part.filename();
      fileMeta[1] = part.contentType();
      byte[] chunk = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(chunk)) >= 0; ) {
        sha.update(chunk, 0, n);
        if (head.size() < HEAD_BYTES) {
          head.write(chunk, 0, Math.min(n, HEAD_BYTES - head.size()));
        }
        total += n;
      }
      size[0] = total;
    });
    if (size[0] < 0) {
      return badRequest("Required request part 'file' is not present");
    }
    String namedUser = fields.get("namedUser");
    checkLength("namedUser", namedUser, 60);
    String fileName = fileMeta[0];
    Instant now = settings.clock().instant();
    long fileId = fileIds.incrementAndGet();
    UploadedFile file =
        new UploadedFile(fileId, fileName, fileMeta[1], size[0], HexFormat.of().formatHex(sha.digest()),
            head.toByteArray(), namedUser, now);
    lock.lock();
    try {
      files.put(fileId, file);
    } finally {
      lock.unlock();
    }
    ObjectNode out = json.createObjectNode();
    out.put("fileId", fileId);
    out.put("fileName", fileName);
    return HttpResp.json(201, out.toString());
  }

  /** Consumes the one {@code file} part. */
  private interface FilePart {
    void accept(Multipart.Part part, InputStream content) throws IOException;
  }

  /**
   * Reads a multipart form: text fields into {@code fields}, the part named {@code file} (which must carry a file
   * name) into {@code file}.
   */
  private void readForm(Req req, Map<String, String> fields, FilePart file) throws IOException {
    String boundary = Multipart.boundary(req.contentType());
    if (boundary == null) {
      if (!req.contentType().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
        throw new HttpError(error(415, "HttpMediaTypeNotSupportedException",
            "Content-Type '" + req.contentType() + "' is not supported; send multipart/form-data"));
      }
      throw new HttpError(badRequest("multipart/form-data without a boundary"));
    }
    if (req.stream == null) {
      throw new HttpError(badRequest("empty multipart body"));
    }
    Multipart mp = new Multipart(req.stream, boundary);
    boolean fileSeen = false;
    try {
      for (Multipart.Part part; (part = mp.next()) != null; ) {
        String name = part.name();
        if ("file".equals(name) && part.filename() != null && !fileSeen) {
          fileSeen = true;
          file.accept(part, part.content);
        } else if (name != null && part.filename() == null) {
          byte[] value = part.content.readNBytes(MAX_FIELD + 1);
          if (value.length > MAX_FIELD) {
            throw new HttpError(badRequest("Form field '" + name + "' is too long"));
          }
          fields.putIfAbsent(name, new String(value, StandardCharsets.UTF_8));
        }
      }
    } catch (Multipart.MalformedException e) {
      throw new HttpError(badRequest("Malformed multipart body: " + e.getMessage()));
    }
  }

  private HttpResp deleteFile(long fileId) {
    lock.lock();
    try {
      if (!files.containsKey(fileId)) {
        return notFound("File ID " + fileId + " does not exist");
      }
      for (Tr tr : trs.values()) {
        if (tr.storageType.equals("FILE")) {
          for (Entry e : tr.entries) {
            if (e.uri.equals(Long.toString(fileId))) {
              return error(422, "TsUnprocessableEntityException",
                  "File ID " + fileId + " is used by transport request " + tr.id + " and cannot be deleted");
            }
          }
        }
      }
      files.remove(fileId);
      return HttpResp.noContent();
    } finally {
      lock.unlock();
    }
  }

  private HttpResp createTr(Req req, boolean export) {
    JsonNode body = jsonBody(req, true);
    String nodeName = text(body, "nodeName", true, 30);
    String contentType = text(body, "contentType", true, -1);
    if (!CONTENT_TYPES.contains(contentType)) {
      return badRequest("Invalid contentType '" + contentType + "'; allowed: APP, BTP_ABAP, MTA, XSCDU");
    }
    String storageType = text(body, "storageType", true, -1);
    if (!STORAGE_TYPES.contains(storageType)) {
      return badRequest("Invalid storageType '" + storageType + "'; allowed: FILE, REFERENCE");
    }
    JsonNode entriesNode = body.get("entries");
    if (entriesNode == null || !entriesNode.isArray() || entriesNode.isEmpty()) {
      return badRequest("entries must be a non-empty array");
    }
    List<String> uris = new ArrayList<>();
    for (JsonNode e : entriesNode) {
      if (!e.isObject()) {
        return badRequest("each entry must be an object with a uri");
      }
      uris.add(text(e, "uri", true, 256));
    }
    String description = text(body, "description", true, 512);
    String namedUser = text(body, "namedUser", false, 60);
    lock.lock();
    try {
      completeDue();
      Node node = findNode(nodeName);
      if (node == null) {
        return notFound("Node with name '" + nodeName + "' does not exist");
      }
      if (!export && !node.uploadAllowed) {
        return badRequest("Upload to node " + nodeName + " is not allowed");
      }
      if (storageType.equals("FILE")) {
        for (String uri : uris) {
          Long fileId = parseLong(uri);
          if (fileId == null || !files.containsKey(fileId)) {
            return error(422, "TsUnprocessableEntityException",
                "Entry uri '" + uri + "' is not the ID of an uploaded file");
          }
        }
      }
      List<Node> targets = export ? followOn(node) : List.of(node);
      if (targets.isEmpty()) {
        return badRequest("Node " + nodeName + " has no follow-on nodes to export to");
      }
      List<Entry> entries = new ArrayList<>();
      uris.forEach(u -> entries.add(new Entry(entryIds.incrementAndGet(), u)));
      Instant now = settings.clock().instant();
      Tr tr = new Tr(trIds.incrementAndGet(), description, contentType, storageType, List.copyOf(entries),
          req.clientId, namedUser, now, nodeName);
      trs.put(tr.id, tr);
      Action a = newAction(export ? "NE" : "NU", node, req.clientId, namedUser);
      ObjectNode out = json.createObjectNode();
      out.put("transportRequestId", tr.id);
      out.put("transportRequestDescription", tr.description);
      ArrayNode qe = out.putArray("queueEntries");
      for (Node target : targets) {
        QueueEntry e = enqueue(tr, target);
        a.nodeIds.add(target.id);
        qe.addObject().put("queueId", e.queueId).put("nodeId", target.id).put("nodeName", target.name);
      }
      finish(a, tr, "succeeded", "I", (export ? "Exported" : "Uploaded") + " transport request " + tr.id);
      return ok(out);
    } finally {
      lock.unlock();
    }
  }

  private HttpResp listTrs(Req req, long nodeId) {
    String status = req.param("status");
    if (status == null || status.isBlank()) {
      return badRequest("Required request parameter 'status' is not present");
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String code : status.split(",")) {
      String name = STATUS_CODES.get(code.trim().toLowerCase(Locale.ROOT));
      if (name == null) {
        return badRequest("Invalid status '" + code.trim() + "'; allowed: in, ru, re, su, sk, wa, er, fa, de");
      }
      wanted.add(name);
    }
    Instant createdFrom = time(req, "createdAtFrom");
    Instant createdTo = time(req, "createdAtTo");
    Instant queuedFrom = time(req, "queuedAtFrom");
    Instant queuedTo = time(req, "queuedAtTo");
    String owner = req.param("owner");
    lock.lock();
    try {
      completeDue();
      Node node = node(nodeId, true);
      ObjectNode out = json.createObjectNode();
      ArrayNode arr = out.putArray("transportRequests");
      int position = 0;
      for (QueueEntry e : node.queue) {
        position++;
        Tr tr = e.tr;
        if (!wanted.contains(e.status)
            || createdFrom != null && tr.createdAt.isBefore(createdFrom)
            || createdTo != null && tr.createdAt.isAfter(createdTo)
            || queuedFrom != null && e.queuedAt.isBefore(queuedFrom)
            || queuedTo != null && e.queuedAt.isAfter(queuedTo)
            || owner != null && !owner.equals(tr.createdBy) && !owner.equals(tr.namedUser)) {
          continue;
        }
        ObjectNode o = arr.addObject();
        o.put("id", tr.id);
        o.put("status", e.status);
        o.put("archived", false);
        o.put("position", position);
        o.put("createdBy", tr.createdBy);
        o.put("createdByNamedUser", tr.namedUser);
        o.put("createdAt", Times.format(tr.createdAt));
        o.put("queuedAt", Times.format(e.queuedAt));
        o.put("description", tr.description);
        o.put("origin", tr.origin);
        ArrayNode entries = o.putArray("entries");
        for (Entry en : tr.entries) {
          entries.addObject()
              .put("id", en.id)
              .put("storageType", tr.storageType)
              .put("contentType", tr.contentType)
              .put("uri", en.uri);
        }
      }
      return ok(out);
    } finally {
      lock.unlock();
    }
  }

  private HttpResp importTrs(Req req, long nodeId, boolean all) {
    JsonNode body = jsonBody(req, !all);
    String namedUser = text(body, "namedUser", false, 60);
    List<Long> ids = all ? List.of() : trIdList(body);
    lock.lock();
    try {
      completeDue();
      Node node = node(nodeId, true);
      List<QueueEntry> selected = new ArrayList<>();
      if (all) {
        for (QueueEntry e : node.queue) {
          if (IMPORTABLE.contains(e.status)) {
            selected.add(e);
          }
        }
      } else {
        for (long id : ids) {
          QueueEntry e = node.find(id);
          if (e == null) {
            return notFound("Transport request " + id + " does not exist in the queue of node " + node.name);
          }
          if (!IMPORTABLE.contains(e.status)) {
            return badRequest("Transport request " + id + " has status " + e.status
                + " in node " + node.name + " and cannot be imported; importable: initial, fatal, repeat");
          }
          selected.add(e);
        }
      }
      Action a = newAction("I", node, req.clientId, namedUser);
      a.status = "running";
      for (QueueEntry e : selected) {
        setEntryStatus(e, "running");
        a.trs.add(e.tr);
        a.trStatus.put(e.tr.id, "running");
        log(a, e.tr.id, "TS_IMPORT_STARTED", "I",
            "Import of transport request " + e.tr.id + " into node " + node.name + " started");
      }
      running.add(a);
      if (settings.importDuration() == null && settings.importPolls() == 0) {
        complete(a);
      }
      ObjectNode out = json.createObjectNode();
      out.put("actionId", a.id);
      out.put("monitoringURL", "/v2/actions/" + a.id);
      return ok(out);
    } finally {
      lock.unlock();
    }
  }

  private HttpResp transition(Req req, long nodeId, String kind) {
    JsonNode body = jsonBody(req, true);
    String namedUser = text(body, "namedUser", false, 60);
    List<Long> ids = trIdList(body);
    lock.lock();
    try {
      completeDue();
      Node node = node(nodeId, true);
      List<QueueEntry> selected = new ArrayList<>();
      List<Node> targets = kind.equals("forward") ? followOn(node) : List.of();
      if (kind.equals("forward") && targets.isEmpty()) {
        return badRequest("Node " + node.name + " has no follow-on nodes to forward to");
      }
      for (long id : ids) {
        QueueEntry e = node.find(id);
        if (e == null) {
          return notFound("Transport request " + id + " does not exist in the queue of node " + node.name);
        }
        if (kind.equals("reset") && !RESETTABLE.contains(e.status)) {
          return badRequest("Transport request " + id + " has status " + e.status
              + " and cannot be reset; only error, skipped or succeeded can be reset");
        }
        if (kind.equals("remove") && e.status.equals("running")) {
          return badRequest("Transport request " + id + " is running and cannot be removed");
        }
        if (kind.equals("forward")) {
          for (Node t : targets) {
            QueueEntry there = t.find(id);
            if (there != null && there.status.equals("running")) {
              return badRequest("Transport request " + id + " is running in node " + t.name
                  + " and cannot be forwarded");
            }
          }
        }
        selected.add(e);
      }
      String type = kind.equals("forward") ? "FQ" : kind.equals("reset") ? "RQ" : "DQ";
      Action a = newAction(type, node, req.clientId, namedUser);
      for (QueueEntry e : selected) {
        switch (kind) {
          case "reset":
            setEntryStatus(e, "repeat");
            break;
          case "remove":
            setEntryStatus(e, "deleted");
            break;
          default:
            targets.forEach(t -> a.nodeIds.add(t.id));
            forward(e.tr, targets);
            break;
        }
        finish(a, e.tr, "succeeded", "I", kindText(kind) + " transport request " + e.tr.id);
      }
      return HttpResp.noContent();
    } finally {
      lock.unlock();
    }
  }

  private static String kindText(String kind) {
    switch (kind) {
      case "reset":
        return "Reset";
      case "remove":
        return "Removed";
      default:
        return "Forwarded";
    }
  }

  private HttpResp action(long actionId) {
    lock.lock();
    try {
      Action a = actions.get(actionId);
      if (a == null) {
        return notFound("Action ID " + actionId + " does not exist");
      }
      a.reads++;
      completeDue();
      ObjectNode o = json.createObjectNode();
      o.put("id", a.id);
      o.put("type", a.type);
      o.put("status", a.status);
      o.put("startedAt", Times.format(a.startedAt));
      o.put("endedAt", Times.format(a.endedAt));
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
      return ok(o);
    } finally {
      lock.unlock();
    }
  }

  private HttpResp actionLogs(long actionId) {
    lock.lock();
    try {
      completeDue();
      Action a = actions.get(actionId);
      if (a == null) {
        return notFound("Action ID " + actionId + " does not exist");
      }
      ObjectNode out = json.createObjectNode();
      ArrayNode logs = out.putArray("logs");
      for (Tr tr : a.trs) {
        String st = a.trStatus.get(tr.id);
        ObjectNode l = logs.addObject();
        l.put("transportRequestId", tr.id);
        l.put("status", st);
        l.set("messages", messages(a, tr.id));
        l.set("entities", entitiesWithMessages(a, tr, st));
      }
      return ok(out);
    } finally {
      lock.unlock();
    }
  }

  private HttpResp trLogs(long nodeId, long trId) {
    lock.lock();
    try {
      completeDue();
      Node node = node(nodeId, true);
      if (node.find(trId) == null) {
        return notFound("Transport request " + trId + " does not exist in the queue of node " + node.name);
      }
      ObjectNode out = json.createObjectNode();
      ArrayNode logs = out.putArray("logs");
      for (Action a : actions.values()) {
        if (!a.nodeIds.contains(nodeId) || !a.trStatus.containsKey(trId)) {
          continue;
        }
        String st = a.trStatus.get(trId);
        ObjectNode l = logs.addObject();
        l.put("actionId", a.id);
        l.put("actionType", a.type);
        l.put("status", st);
        l.put("actionStartedAt", Times.format(a.startedAt));
        l.put("actionTriggeredBy", a.triggeredBy);
        l.put("actionTriggeredByNamedUser", a.namedUser);
        l.set("messages", messages(a, trId));
        l.set("entities", entitiesWithMessages(a, trs.get(trId), st));
      }
      return ok(out);
    } finally {
      lock.unlock();
    }
  }

  private HttpResp listDescriptors(Req req, long nodeId) {
    String mtaId = req.param("mtaId");
    String mtaVersion = req.param("mtaVersion");
    lock.lock();
    try {
      node(nodeId, true);
      ObjectNode out = json.createObjectNode();
      ArrayNode arr = out.putArray("mtaExtDescriptors");
      for (Descriptor d : descriptors.values()) {
        if (d.nodeId == nodeId
            && (mtaId == null || mtaId.equals(d.mtaId))
            && (mtaVersion == null || mtaVersion.equals(d.mtaVersion))) {
          arr.add(descriptorJson(d));
        }
      }
      return ok(out);
    } finally {
      lock.unlock();
    }
  }

  private HttpResp putDescriptor(Req req, long nodeId, Long descriptorId) throws IOException {
    lock.lock();
    try {
      node(nodeId, true);
      if (descriptorId != null) {
        Descriptor d = descriptors.get(descriptorId);
        if (d == null || d.nodeId != nodeId) {
          return notFound("MTA extension descriptor ID " + descriptorId + " does not exist");
        }
      }
    } finally {
      lock.unlock();
    }
    Map<String, String> fields = new HashMap<>();
    byte[][] content = {null};
    readForm(req, fields, (part, in) -> {
      content[0] = in.readNBytes(MAX_DESCRIPTOR + 1);
      in.transferTo(java.io.OutputStream.nullOutputStream());
    });
    if (content[0] == null) {
      return badRequest("Required request part 'file' is not present");
    }
    if (content[0].length > MAX_DESCRIPTOR) {
      return badRequest("The MTA extension descriptor is larger than 1 MiB");
    }
    String text = new String(content[0], StandardCharsets.UTF_8);
    String mtaExtId = yamlTopLevel(text, "ID");
    String mtaId = yamlTopLevel(text, "extends");
    if (mtaExtId == null || mtaId == null) {
      return badRequest("The MTA extension descriptor needs top-level ID and extends");
    }
    String mtaVersion = fields.getOrDefault("mtaVersion", "*");
    String description = fields.get("description");
    checkLength("description", description, 512);
    checkLength("tms-named-user", req.header("tms-named-user"), 60);
    lock.lock();
    try {
      node(nodeId, true);
      for (Descriptor d : descriptors.values()) {
        if (d.nodeId == nodeId && d.mtaId.equals(mtaId) && d.mtaVersion.equals(mtaVersion)
            && (descriptorId == null || d.id != descriptorId)) {
          return badRequest("An MTA extension descriptor for " + mtaId + " version " + mtaVersion
              + " already exists on this node");
        }
      }
      long id = descriptorId != null ? descriptorId : descriptorIds.incrementAndGet();
      Descriptor d = new Descriptor(id, nodeId, description, mtaId, mtaExtId, mtaVersion, settings.clock().instant());
      descriptors.put(id, d);
      return HttpResp.json(descriptorId == null ? 201 : 200, descriptorJson(d).toString());
    } finally {
      lock.unlock();
    }
  }

  private static String yamlTopLevel(String yaml, String key) {
    for (String line : yaml.split("\\R")) {
      if (line.startsWith(key + ":")) {
        String v = line.substring(key.length() + 1).trim();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
          v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? null : v;
      }
    }
    return null;
  }

  private ObjectNode descriptorJson(Descriptor d) {
    ObjectNode o = json.createObjectNode();
    o.put("id", d.id);
    o.put("description", d.description);
    o.put("mtaId", d.mtaId);
    o.put("mtaExtId", d.mtaExtId);
    o.put("mtaVersion", d.mtaVersion);
    o.put("lastChangedAt", Times.format(d.lastChangedAt));
    return o;
  }

  // ------------------------------------------------------------------------------------------------ state changes

  private QueueEntry enqueue(Tr tr, Node node) {
    QueueEntry e = new QueueEntry(queueIds.incrementAndGet(), tr, node);
    e.queuedAt = settings.clock().instant();
    e.changed = changes.incrementAndGet();
    node.queue.add(e);
    tr.entered.add(e);
    return e;
  }

  private void forward(Tr tr, List<Node> targets) {
    for (Node t : targets) {
      QueueEntry there = t.find(tr.id);
      if (there == null) {
        enqueue(tr, t);
      } else {
        t.queue.remove(there);
        t.queue.add(there);
        there.queuedAt = settings.clock().instant();
        if (FORWARD_TO_REPEAT.contains(there.status)) {
          there.status = "repeat";
        }
        there.changed = changes.incrementAndGet();
      }
    }
  }

  private void setEntryStatus(QueueEntry e, String status) {
    e.status = status;
    e.changed = changes.incrementAndGet();
  }

  private void completeDue() {
    if (running.isEmpty()) {
      return;
    }
    Instant now = settings.clock().instant();
    for (Action a : new ArrayList<>(running)) {
      boolean due = settings.importDuration() != null
          ? !now.isBefore(a.startedAt.plus(settings.importDuration()))
          : a.reads > settings.importPolls();
      if (due) {
        complete(a);
      }
    }
  }

  private void complete(Action a) {
    running.remove(a);
    int worst = 0;
    for (Tr tr : a.trs) {
      String outcome = nextOutcome(tr.id);
      QueueEntry e = a.node.find(tr.id);
      if (e != null && e.status.equals("running")) {
        setEntryStatus(e, outcome);
      }
      a.trStatus.put(tr.id, outcome);
      worst = Math.max(worst, OUTCOMES.indexOf(outcome));
      log(a, tr.id, "TS_IMPORT_" + outcome.toUpperCase(Locale.ROOT), severity(outcome), outcomeText(tr.id, outcome));
      if (settings.autoForward() && (outcome.equals("succeeded") || outcome.equals("warning"))) {
        List<Node> targets = followOn(a.node);
        forward(tr, targets);
      }
    }
    String status = OUTCOMES.get(worst);
    a.status = status.equals("skipped") ? "succeeded" : status;
    a.endedAt = settings.clock().instant();
  }

  private String nextOutcome(long trId) {
    Deque<String> planned = outcomes.get(trId);
    if (planned == null || planned.isEmpty()) {
      return "succeeded";
    }
    return planned.size() > 1 ? planned.poll() : planned.peek();
  }

  private static String severity(String outcome) {
    switch (outcome) {
      case "warning":
        return "W";
      case "error":
        return "E";
      case "fatal":
        return "F";
      default:
        return "I";
    }
  }

  private static String outcomeText(long trId, String outcome) {
    switch (outcome) {
      case "warning":
        return "Transport request " + trId + " imported with warnings";
      case "error":
        return "Transport request " + trId + " imported with errors";
      case "fatal":
        return "Import of transport request " + trId + " failed; nothing was imported";
      case "skipped":
        return "Import of transport request " + trId + " was skipped";
      default:
        return "Transport request " + trId + " imported successfully";
    }
  }

  private Action newAction(String type, Node node, String triggeredBy, String namedUser) {
    Action a = new Action(actionIds.incrementAndGet(), type, node, settings.clock().instant(), triggeredBy,
        namedUser);
    actions.put(a.id, a);
    return a;
  }

  private void finish(Action a, Tr tr, String status, String severity, String message) {
    a.trs.add(tr);
    a.trStatus.put(tr.id, status);
    log(a, tr.id, "TS_" + a.type, severity, message);
    a.status = status;
    a.endedAt = settings.clock().instant();
  }

  private void log(Action a, long trId, String messageId, String severity, String message) {
    a.messages.computeIfAbsent(trId, k -> new ArrayList<>())
        .add(new Message(messageIds.incrementAndGet(), messageId, severity, message, settings.clock().instant()));
  }

  private ArrayNode messages(Action a, long trId) {
    ArrayNode arr = json.createArrayNode();
    for (Message m : a.messages.getOrDefault(trId, List.of())) {
      arr.addObject()
          .put("id", m.id)
          .put("messageId", m.messageId)
          .put("severity", m.severity)
          .put("message", m.message)
          .put("createdAt", Times.format(m.createdAt));
    }
    return arr;
  }

  private ObjectNode entity(Tr tr, Entry e, String status) {
    ObjectNode o = json.createObjectNode();
    o.put("id", e.id);
    o.put("uri", e.uri);
    String fileName = null;
    if (tr.storageType.equals("FILE")) {
      Long fileId = parseLong(e.uri);
      UploadedFile f = fileId == null ? null : files.get(fileId);
      fileName = f == null ? null : f.fileName();
    }
    o.put("fileName", fileName);
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

  // ------------------------------------------------------------------------------------------------ helpers

  private Node findNode(String name) {
    for (Node n : nodes.values()) {
      if (n.name.equals(name)) {
        return n;
      }
    }
    return null;
  }

  private Node node(long nodeId, boolean required) {
    Node n = nodes.get(nodeId);
    if (n == null && required) {
      throw new HttpError(notFound("Node ID " + nodeId + " does not exist"));
    }
    return n;
  }

  private List<Node> followOn(Node node) {
    List<Node> out = new ArrayList<>();
    for (Route r : routes) {
      if (r.source == node.id) {
        out.add(nodes.get(r.target));
      }
    }
    return out;
  }

  private JsonNode jsonBody(Req req, boolean required) {
    byte[] body = req.body == null ? new byte[0] : req.body;
    boolean blank = new String(body, StandardCharsets.UTF_8).isBlank();
    if (blank) {
      if (required) {
        throw new HttpError(badRequest("Required request body is missing"));
      }
      return json.createObjectNode();
    }
    String ct = req.contentType().toLowerCase(Locale.ROOT);
    if (!ct.startsWith("application/json")) {
      throw new HttpError(error(415, "HttpMediaTypeNotSupportedException",
          "Content-Type '" + req.contentType() + "' is not supported; send application/json"));
    }
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new HttpError(badRequest("The request body must be a JSON object"));
      }
      return node;
    } catch (IOException e) {
      throw new HttpError(badRequest("The request body is not valid JSON"));
    }
  }

  private String text(JsonNode body, String field, boolean required, int max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new HttpError(badRequest(field + " is required"));
      }
      return null;
    }
    if (!v.isValueNode()) {
      throw new HttpError(badRequest(field + " must be a string"));
    }
    String s = v.asText();
    if (required && s.isBlank()) {
      throw new HttpError(badRequest(field + " must not be blank"));
    }
    checkLength(field, s, max);
    return s;
  }

  private void checkLength(String field, String value, int max) {
    if (max > 0 && value != null && value.length() > max) {
      throw new HttpError(badRequest(field + " must not be longer than " + max + " characters (was "
          + value.length() + ")"));
    }
  }

  private List<Long> trIdList(JsonNode body) {
    JsonNode arr = body.get("transportRequests");
    if (arr == null || !arr.isArray() || arr.isEmpty()) {
      throw new HttpError(badRequest("transportRequests must be a non-empty array of transport request IDs"));
    }
    List<Long> ids = new ArrayList<>();
    for (JsonNode n : arr) {
      Long id = n.isIntegralNumber() ? Long.valueOf(n.asLong()) : n.isTextual() ? parseLong(n.asText()) : null;
      if (id == null) {
        throw new HttpError(badRequest("transportRequests contains '" + n + "', which is not an ID"));
      }
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  private Instant time(Req req, String name) {
    String v = req.param(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Times.parse(v);
    } catch (IllegalArgumentException e) {
      throw new HttpError(badRequest("Invalid " + name + ": " + e.getMessage()));
    }
  }

  private long id(String segment, String name) {
    Long id = parseLong(segment);
    if (id == null) {
      throw new HttpError(badRequest("Invalid " + name + " '" + Req.decodeSegment(segment) + "'; expected a number"));
    }
    return id;
  }

  private static Long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private HttpResp ok(JsonNode node) {
    return HttpResp.json(200, node.toString());
  }

  HttpResp error(int status, String type, String message) {
    ObjectNode o = json.createObjectNode();
    o.put("errorType", EX + type);
    o.put("message", message);
    return HttpResp.json(status, o.toString());
  }

  private HttpResp badRequest(String message) {
    return error(400, "TsBadRequestException", message);
  }

  HttpResp notFound(String message) {
    return error(404, "TsNotFoundException", message);
  }

  private HttpResp notAllowed(String method) {
    return error(405, "HttpRequestMethodNotSupportedException", "Request method '" + method + "' is not supported");
  }
}
