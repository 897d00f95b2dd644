package io.github.calmsdk.testkit.internal;

import io.github.calmsdk.testkit.FakeMtaExtDescriptor;
import io.github.calmsdk.testkit.FakeTransportRequest;
import io.github.calmsdk.testkit.NodeSpec;
import io.github.calmsdk.testkit.UploadedFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The state of the transport-management fake: nodes, routes, files, transport requests, queues, actions and MTA
 * extension descriptors. All of it is guarded by one lock ({@link #locked(Supplier)}); no I/O happens while it is
 * held. The rules for status changes live in {@link TmsLifecycle}, the wire shapes in {@link TmsJson}.
 */
public final class TmsStore {
  static final class Node {
    final long id;
    final String name;
    final String description;
    final boolean uploadAllowed;
    /** The content type of the node's one target, or null for none. */
    final String contentType;
    /** The system controlling the node's imports (SAP Solution Manager), or null. */
    final String controlledBy;
    final List<QueueEntry> queue = new ArrayList<>();

    Node(long id, NodeSpec spec) {
      this.id = id;
      this.name = spec.name();
      this.description = spec.description();
      this.uploadAllowed = spec.uploadAllowed();
      this.contentType = spec.contentType();
      this.controlledBy = spec.controlledBy();
    }

    QueueEntry find(long trId) {
      for (QueueEntry e : queue) {
        if (e.tr.id == trId) {
          return e;
        }
      }
      return null;
    }

    /** 1-based position in the queue. */
    int position(QueueEntry e) {
      return queue.indexOf(e) + 1;
    }
  }

  record Route(long id, long source, long target) {}

  record Entry(long id, String uri) {}

  static final class Tr {
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

  static final class QueueEntry {
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

  record Message(long id, String messageId, String severity, String message, Instant createdAt) {}

  static final class Action {
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

  record Descriptor(
      long id, long nodeId, String description, String mtaId, String mtaExtId, String mtaVersion,
      String namedUser, String content, Instant lastChangedAt) {

    FakeMtaExtDescriptor snapshot() {
      return new FakeMtaExtDescriptor(id, nodeId, mtaId, mtaExtId, mtaVersion, description, namedUser, content,
          lastChangedAt);
    }
  }

  private final Settings settings;
  private final Guard guard = new Guard();
  final Map<Long, Node> nodes = new LinkedHashMap<>();
  final List<Route> routes = new ArrayList<>();
  final Map<Long, UploadedFile> files = new LinkedHashMap<>();
  final Map<Long, UploadedFile> deletedFiles = new LinkedHashMap<>();
  final Map<Long, Tr> trs = new LinkedHashMap<>();
  final Map<Long, Action> actions = new LinkedHashMap<>();
  final Map<Long, Descriptor> descriptors = new LinkedHashMap<>();
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

  TmsStore(Settings settings) {
    this.settings = settings;
    long dev = addNode(new NodeSpec("DEV", "Development", true, null, null));
    long qas = addNode(new NodeSpec("QAS", "Quality assurance", false, null, null));
    long prd = addNode(new NodeSpec("PRD", "Production", false, null, null));
    locked(() -> addRoute(dev, qas));
    locked(() -> addRoute(qas, prd));
  }

  /** Runs {@code work} under the lock. */
  <T> T locked(Supplier<T> work) {
    return guard.locked(work);
  }

  Instant now() {
    return settings.clock().instant();
  }

  // ------------------------------------------------------------------------------------------------ test setup

  /**
   * Adds a node without routes.
   *
   * @throws IllegalArgumentException when the name is taken
   */
  public long addNode(NodeSpec spec) {
    return locked(() -> {
      if (findNode(spec.name()) != null) {
        throw new IllegalArgumentException("node " + spec.name() + " already exists");
      }
      long id = nodeIds.incrementAndGet();
      nodes.put(id, new Node(id, spec));
      return id;
    });
  }

  /**
   * Adds a route between two named nodes.
   *
   * @throws NoSuchElementException when a node does not exist
   * @throws IllegalArgumentException when the route exists or both are the same
   */
  public long addRoute(String from, String to) {
    return locked(() -> addRoute(nodeIdLocked(from), nodeIdLocked(to)));
  }

  private long addRoute(long from, long to) {
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
  }

  /**
   * The id of a named node.
   *
   * @throws NoSuchElementException when there is none
   */
  public long nodeId(String name) {
    return locked(() -> nodeIdLocked(name));
  }

  private long nodeIdLocked(String name) {
    Node n = findNode(name);
    if (n == null) {
      throw new NoSuchElementException("no node named " + name);
    }
    return n.id;
  }

  /** The files uploaded and not deleted, in upload order. */
  public List<UploadedFile> uploadedFiles() {
    return locked(() -> List.copyOf(files.values()));
  }

  /** The files deleted by {@code DELETE /v2/files/{id}}, in deletion order. */
  public List<UploadedFile> deletedFiles() {
    return locked(() -> List.copyOf(deletedFiles.values()));
  }

  /**
   * The MTA extension descriptors stored on a named node, in creation order.
   *
   * @throws NoSuchElementException when there is no such node
   */
  public List<FakeMtaExtDescriptor> mtaExtDescriptors(String nodeName) {
    return locked(() -> {
      long nodeId = nodeIdLocked(nodeName);
      List<FakeMtaExtDescriptor> out = new ArrayList<>();
      for (Descriptor d : descriptors.values()) {
        if (d.nodeId() == nodeId) {
          out.add(d.snapshot());
        }
      }
      return out;
    });
  }

  // ------------------------------------------------------------------------------------------------ under the lock

  Node findNode(String name) {
    for (Node n : nodes.values()) {
      if (n.name.equals(name)) {
        return n;
      }
    }
    return null;
  }

  /** The node, or a TMS 404. */
  Node requireNode(long nodeId) {
    Node n = nodes.get(nodeId);
    if (n == null) {
      throw TmsErrors.notFound("Node ID " + nodeId + " does not exist");
    }
    return n;
  }

  /** The queue entry of a transport request in a node, or a TMS 404. */
  QueueEntry requireEntry(Node node, long trId) {
    QueueEntry e = node.find(trId);
    if (e == null) {
      throw TmsErrors.notFound("Transport request " + trId + " does not exist in the queue of node " + node.name);
    }
    return e;
  }

  List<Node> followOn(Node node) {
    List<Node> out = new ArrayList<>();
    for (Route r : routes) {
      if (r.source == node.id) {
        out.add(nodes.get(r.target));
      }
    }
    return out;
  }

  long newFileId() {
    return fileIds.incrementAndGet();
  }

  long newDescriptorId() {
    return descriptorIds.incrementAndGet();
  }

  Tr newTr(String description, String contentType, String storageType, List<String> uris, String createdBy,
      String namedUser, String origin) {
    List<Entry> entries = new ArrayList<>();
    uris.forEach(u -> entries.add(new Entry(entryIds.incrementAndGet(), u)));
    Tr tr = new Tr(trIds.incrementAndGet(), description, contentType, storageType, List.copyOf(entries),
        createdBy, namedUser, now(), origin);
    trs.put(tr.id, tr);
    return tr;
  }

  QueueEntry enqueue(Tr tr, Node node) {
    QueueEntry e = new QueueEntry(queueIds.incrementAndGet(), tr, node);
    e.queuedAt = now();
    e.changed = changes.incrementAndGet();
    node.queue.add(e);
    tr.entered.add(e);
    return e;
  }

  /** Moves an entry to the end of its queue. */
  void requeue(QueueEntry e) {
    e.node.queue.remove(e);
    e.node.queue.add(e);
    e.queuedAt = now();
    e.changed = changes.incrementAndGet();
  }

  void setEntryStatus(QueueEntry e, String status) {
    e.status = status;
    e.changed = changes.incrementAndGet();
  }

  Action newAction(String type, Node node, String triggeredBy, String namedUser) {
    Action a = new Action(actionIds.incrementAndGet(), type, node, now(), triggeredBy, namedUser);
    actions.put(a.id, a);
    return a;
  }

  void log(Action a, long trId, String messageId, String severity, String message) {
    a.messages.computeIfAbsent(trId, k -> new ArrayList<>())
        .add(new Message(messageIds.incrementAndGet(), messageId, severity, message, now()));
  }

  /** The file name of a FILE entry, or null. */
  String fileName(Tr tr, Entry e) {
    if (!tr.storageType.equals("FILE")) {
      return null;
    }
    Long fileId = TmsInput.parseLong(e.uri);
    UploadedFile f = fileId == null ? null : files.get(fileId);
    return f == null ? null : f.fileName();
  }

  FakeTransportRequest snapshot(Tr tr) {
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
}
