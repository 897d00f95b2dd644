package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.event.AmbiguousOutcome;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.deployment.ActionId;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.ExportLookup;
import io.github.calmsdk.deployment.ExportMode;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.Finding;
import io.github.calmsdk.deployment.LostExport;
import io.github.calmsdk.deployment.Node;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.OutcomeResolver;
import io.github.calmsdk.deployment.QueueEntry;
import io.github.calmsdk.deployment.ResetCheck;
import io.github.calmsdk.deployment.StatusReading;
import io.github.calmsdk.deployment.StorageType;
import io.github.calmsdk.deployment.TransportEntry;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportRequestLog;
import io.github.calmsdk.deployment.TransportStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one place that settles a lost answer by reading state: the export search, the status reading after an import
 * or reset, and the listener report of each settling. Reads only; thread-safe (the only state is what {@link
 * SingleReads} learnt about the TMS 2.3.1 endpoints).
 */
final class DefaultOutcomeResolver implements OutcomeResolver {
  private static final Set<TransportStatus> IMPORTABLE =
      Set.of(TransportStatus.INITIAL, TransportStatus.FATAL, TransportStatus.REPEATABLE);
  private static final String IMPORT_ACTION = "I";

  private final TransportApi api;
  private final DeploymentOptions options;
  private final Function<NodeRef, NodeId> nodes;
  private final SingleReads singleReads;

  /**
   * Creates the resolver.
   *
   * @param nodes resolves a node reference to its id (a name through the node list)
   * @param singleReads whether and how the TMS 2.3.1 single reads are used; shared with the client
   */
  DefaultOutcomeResolver(
      TransportApi api, DeploymentOptions options, Function<NodeRef, NodeId> nodes, SingleReads singleReads) {
    this.api = api;
    this.options = options;
    this.nodes = nodes;
    this.singleReads = singleReads;
  }

  /** What a status read found, and the call that found it, for the checks. */
  record Read(Map<TransportRequestId, TransportRequest> found, String call) {}

  /**
   * Reads transport requests of a node: one by one through TMS 2.3.1's {@code GET
   * /v2/nodes/{nodeId}/transportRequests/{id}} when {@link SingleReads#worthIt} says so, else by listing the queue
   * with every status. A single read that shows the endpoint absent is answered by the listing (see {@link
   * SingleReads} for the rule).
   *
   * @param ids the transport requests; empty for the whole queue
   * @param codes the status codes of the listing
   */
  Read read(NodeId node, List<TransportRequestId> ids, String codes) {
    String listing = "GET " + api.path(api.transportRequestsPath(node.value()));
    int codeCount = codes.split(",").length;
    if (!singleReads.worthIt(ids.size(), codeCount)) {
      return new Read(listing(node, codes), listing);
    }
    Map<TransportRequestId, TransportRequest> out = new LinkedHashMap<>();
    for (TransportRequestId id : ids) {
      TransportRequest t;
      try {
        t = api.transportRequest(node.value(), id.value());
      } catch (CalmException e) {
        SingleReads.Verdict v = SingleReads.verdict(e);
        if (v == SingleReads.Verdict.OTHER) {
          throw e;
        }
        Map<TransportRequestId, TransportRequest> queue = listing(node, codes);
        if (v == SingleReads.Verdict.ABSENT) {
          singleReads.markAbsent(SingleReads.Endpoint.NODE_TRANSPORT_REQUEST, "it answered HTTP " + e.status());
        } else if (queue.containsKey(id)) {
          singleReads.markAbsent(
              SingleReads.Endpoint.NODE_TRANSPORT_REQUEST,
              "it answered 404 for transport request " + id + ", which the queue of node " + node + " holds");
        }
        return new Read(queue, listing);
      }
      if (t == null) {
        singleReads.markAbsent(SingleReads.Endpoint.NODE_TRANSPORT_REQUEST, "its answer has no status");
        return new Read(listing(node, codes), listing);
      }
      out.put(id, t);
    }
    String one = listing + "/" + (ids.size() == 1 ? ids.get(0).toString() : "{id} for " + ids);
    return new Read(out, one);
  }

  private Map<TransportRequestId, TransportRequest> listing(NodeId node, String codes) {
    Map<TransportRequestId, TransportRequest> out = new LinkedHashMap<>();
    for (TransportRequest t : api.transportRequests(node.value(), codes, null, null, null, null, null)) {
      out.put(t.id(), t);
    }
    return out;
  }

  /** Reports a settling to the client's listeners; builds nothing when there are none. */
  void report(String operation, CalmException lost, AmbiguousOutcome.Resolution resolution, List<String> checks) {
    CalmListener listener = api.context().listener();
    if (listener == CalmListener.noop()) {
      return;
    }
    listener.ambiguousOutcome(new AmbiguousOutcome(operation, lost.requestId(), resolution, checks));
  }

  // ------------------------------------------------------------------------------------------------ export search

  @Override
  public ExportLookup findExport(LostExport export) {
    Checks.present("export", export, "pass what is known of the lost export");
    List<String> checks = new ArrayList<>();
    try {
      List<Node> all = api.nodes();
      checks.add("GET " + api.path("/nodes") + ": " + all.size() + " nodes");
      Node source = all.stream().filter(n -> n.name().equals(export.node())).findFirst().orElse(null);
      if (source == null) {
        return new ExportLookup(
            Finding.UNREADABLE,
            List.of(),
            "node " + export.node() + " is not in the node list, so its queues cannot be searched",
            checks,
            null);
      }
      List<Node> candidates = candidates(export.mode(), source, all, checks);
      Instant from = export.sentAt().minus(options.recoveryWindow());
      Map<TransportRequestId, TransportRequest> found = new LinkedHashMap<>();
      Map<TransportRequestId, List<Node>> where = new LinkedHashMap<>();
      for (Node n : candidates) {
        List<TransportRequest> trs =
            api.transportRequests(n.id().value(), TransportQueryCodes.ALL, from, null, null, null, null);
        List<TransportRequest> matches =
            trs.stream().filter(t -> matches(t, export, from)).collect(Collectors.toList());
        checks.add(
            "GET " + api.path(api.transportRequestsPath(n.id().value())) + " (node " + n.name() + "): "
                + (matches.isEmpty()
                    ? "no transport request with these entries among " + trs.size()
                    : "found " + matches.stream().map(t -> t.id().toString()).collect(Collectors.joining(", "))));
        for (TransportRequest t : matches) {
          found.putIfAbsent(t.id(), t);
          where.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(n);
        }
      }
      List<ExportResult> results = new ArrayList<>();
      for (TransportRequest t : found.values()) {
        List<QueueEntry> entries = new ArrayList<>();
        for (Node n : where.get(t.id())) {
          entries.add(new QueueEntry(OptionalLong.empty(), n.id(), n.name()));
        }
        results.add(
            new ExportResult(
                t.id(), t.description() != null ? t.description() : export.description(), entries, List.of(), true));
      }
      if (results.size() == 1) {
        return new ExportLookup(
            Finding.FOUND, results, "found transport request " + results.get(0).transportRequestId(), checks, null);
      }
      if (results.isEmpty()) {
        return new ExportLookup(
            Finding.NOT_FOUND,
            results,
            "no queue searched holds a transport request with these entries (yet)",
            checks,
            null);
      }
      return new ExportLookup(
          Finding.SEVERAL, results, "several transport requests match (" + found.keySet() + ")", checks, null);
    } catch (CalmException readFailure) {
      checks.add("reading the queues failed: " + readFailure.summary());
      return new ExportLookup(
          Finding.UNREADABLE,
          List.of(),
          "the queues could not be read to settle it (" + readFailure.summary() + ")",
          checks,
          readFailure);
    }
  }

  /** Where the transport request must be: the node's own queue for upload, its follow-on nodes' for export. */
  private List<Node> candidates(ExportMode mode, Node source, List<Node> all, List<String> checks) {
    if (mode == ExportMode.UPLOAD_ONLY) {
      return List.of(source);
    }
    if (options.recoveryUsesRoutes()) {
      try {
        Set<Long> targets = new HashSet<>();
        for (Wire.Route r : api.routes()) {
          if (r.sourceNodeId() != null && r.targetNodeId() != null && r.sourceNodeId() == source.id().value()) {
            targets.add(r.targetNodeId());
          }
        }
        List<Node> follow =
            all.stream().filter(n -> targets.contains(n.id().value())).collect(Collectors.toList());
        checks.add(
            "GET " + api.path("/routes") + ": follow-on nodes of " + source.name() + ": "
                + follow.stream().map(n -> n.name().value()).collect(Collectors.toList()));
        if (!follow.isEmpty() && follow.size() == targets.size()) {
          return follow;
        }
        checks.add("routes incomplete; searching every other node");
      } catch (CalmException e) {
        checks.add("GET " + api.path("/routes") + " failed (" + e.summary() + "); searching every other node");
      }
    }
    return all.stream().filter(n -> !n.id().equals(source.id())).collect(Collectors.toList());
  }

  /**
   * A file id is unique, so a transport request holding the uploaded file ids is this export's. References are not
   * unique: there the description must match too and the transport request must be recent.
   */
  private static boolean matches(TransportRequest t, LostExport export, Instant from) {
    Set<String> have = t.entries().stream().map(TransportEntry::uri).collect(Collectors.toSet());
    if (!have.containsAll(export.entryUris())) {
      return false;
    }
    if (export.storageType().equals(StorageType.FILE)) {
      return true;
    }
    return export.description().equals(t.description())
        && (t.createdAt() == null || !t.createdAt().isBefore(from));
  }

  // ------------------------------------------------------------------------------------------------ statuses

  @Override
  public StatusReading readStatuses(
      NodeRef node, Collection<TransportRequestId> ids, Map<TransportRequestId, TransportStatus> before) {
    Checks.present("node", node, "pass a NodeId or NodeName");
    Checks.present("ids", ids, "pass the transport requests, or an empty list for the whole queue");
    Checks.present("before", before, "pass the statuses before the call, or an empty map");
    List<String> checks = new ArrayList<>();
    NodeId id;
    try {
      id = nodes.apply(node);
    } catch (CalmException e) {
      return unreadableStatuses(checks, "resolving node " + node + " failed: " + e.summary(), e);
    }
    return readStatuses(id, List.copyOf(ids), before, null);
  }

  @Override
  public StatusReading readStatuses(
      NodeRef node,
      Collection<TransportRequestId> ids,
      Map<TransportRequestId, TransportStatus> before,
      Instant importSentAt) {
    Checks.present("node", node, "pass a NodeId or NodeName");
    Checks.nonEmpty("ids", ids, "pass the transport requests the import was sent for");
    Checks.present("before", before, "pass the statuses before the call, or an empty map");
    Checks.present("importSentAt", importSentAt, "pass the instant the import was sent");
    List<String> checks = new ArrayList<>();
    NodeId id;
    try {
      id = nodes.apply(node);
    } catch (CalmException e) {
      return unreadableStatuses(checks, "resolving node " + node + " failed: " + e.summary(), e);
    }
    return readStatuses(id, List.copyOf(ids), before, importSentAt);
  }

  /**
   * Reads and compares the statuses; with {@code importSentAt}, also each transport request's log.
   *
   * @param ids empty for the whole queue (then only running transport requests are reported)
   */
  StatusReading readStatuses(
      NodeId node,
      List<TransportRequestId> ids,
      Map<TransportRequestId, TransportStatus> before,
      Instant importSentAt) {
    List<String> checks = new ArrayList<>();
    Map<TransportRequestId, TransportRequest> queue;
    String call;
    try {
      Read read = read(node, ids, TransportQueryCodes.ALL);
      queue = read.found();
      call = read.call();
    } catch (CalmException readFailure) {
      return unreadableStatuses(
          checks, "reading the queue of node " + node + " failed: " + readFailure.summary(), readFailure);
    }
    Map<TransportRequestId, TransportStatus> observed = new LinkedHashMap<>();
    List<TransportRequestId> missing = new ArrayList<>();
    List<TransportRequestId> changed = new ArrayList<>();
    List<TransportRequestId> unchanged = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    if (ids.isEmpty()) {
      for (TransportRequest t : queue.values()) {
        if (t.status().kind() == TransportStatus.Kind.RUNNING) {
          observed.put(t.id(), t.status());
          changed.add(t.id());
          seen.add(t.id() + " running");
        }
      }
    } else {
      for (TransportRequestId id : ids) {
        TransportRequest t = queue.get(id);
        if (t == null) {
          missing.add(id);
          seen.add(id + " not in the queue");
          continue;
        }
        observed.put(id, t.status());
        TransportStatus was = before.get(id);
        boolean isChanged =
            t.status().kind() == TransportStatus.Kind.RUNNING
                || (was != null ? !was.equals(t.status()) : !IMPORTABLE.contains(t.status()));
        (isChanged ? changed : unchanged).add(id);
        seen.add(id + " " + t.status() + (isChanged ? " (changed)" : " (unchanged)"));
      }
    }
    String summary = seen.isEmpty() ? "nothing running" : String.join(", ", seen);
    checks.add(call + ": " + summary);
    Set<ActionId> actions = new LinkedHashSet<>();
    boolean logged = false;
    if (importSentAt != null) {
      Instant since = importSentAt.minus(options.clockSkew());
      for (TransportRequestId id : ids) {
        if (!queue.containsKey(id)) {
          continue;
        }
        String path = api.path(api.transportRequestsPath(node.value()) + "/" + id.value() + "/logs");
        List<TransportRequestLog> logs;
        try {
          logs = api.transportRequestLogs(node.value(), id.value());
        } catch (CalmException readFailure) {
          checks.add("GET " + path + " failed: " + readFailure.summary());
          return new StatusReading(
              Finding.UNREADABLE, observed, missing, changed, unchanged, List.copyOf(actions), logged,
              summary + "; the log of " + id + " could not be read (" + readFailure.summary() + ")", checks,
              readFailure);
        }
        List<String> imports = new ArrayList<>();
        for (TransportRequestLog log : logs) {
          // an import without a start time cannot be placed in time: it counts as evidence, not as absence
          if (IMPORT_ACTION.equalsIgnoreCase(log.actionType())
              && (log.actionStartedAt() == null || !log.actionStartedAt().isBefore(since))) {
            logged = true;
            imports.add(log.actionId() == null ? "an import without id" : "action " + log.actionId());
            if (log.actionId() != null) {
              actions.add(log.actionId());
            }
          }
        }
        checks.add("GET " + path + ": " + (imports.isEmpty() ? "no import" : String.join(", ", imports))
            + " since " + since);
      }
    }
    Finding finding = missing.isEmpty() ? Finding.FOUND : Finding.NOT_FOUND;
    return new StatusReading(
        finding, observed, missing, changed, unchanged, List.copyOf(actions), logged, summary, checks, null);
  }

  private static StatusReading unreadableStatuses(List<String> checks, String check, CalmException failure) {
    checks.add(check);
    return new StatusReading(
        Finding.UNREADABLE, Map.of(), List.of(), List.of(), List.of(), List.of(), false,
        "the queue could not be read (" + failure.summary() + ")", checks, failure);
  }

  // ------------------------------------------------------------------------------------------------ reset

  @Override
  public ResetCheck resetPending(
      NodeRef node, Collection<TransportRequestId> ids, Map<TransportRequestId, TransportStatus> before) {
    Checks.present("node", node, "pass a NodeId or NodeName");
    Checks.nonEmpty("ids", ids, "pass the transport requests the reset was sent for");
    Checks.present("before", before, "pass the statuses before the reset, or an empty map");
    NodeId id;
    try {
      id = nodes.apply(node);
    } catch (CalmException e) {
      List<String> checks = List.of("resolving node " + node + " failed: " + e.summary());
      return new ResetCheck(Finding.UNREADABLE, Map.of(), List.of(), List.of(), List.of(), checks, e);
    }
    return resetPending(id, List.copyOf(ids), before);
  }

  /** Which transport requests are reset, which still need it, and which are neither. */
  ResetCheck resetPending(
      NodeId node, List<TransportRequestId> ids, Map<TransportRequestId, TransportStatus> before) {
    List<String> checks = new ArrayList<>();
    Map<TransportRequestId, TransportRequest> queue;
    String call;
    try {
      Read read = read(node, ids, TransportQueryCodes.ALL);
      queue = read.found();
      call = read.call();
    } catch (CalmException readFailure) {
      checks.add("reading the queue of node " + node + " failed: " + readFailure.summary());
      return new ResetCheck(Finding.UNREADABLE, Map.of(), List.of(), List.of(), List.of(), checks, readFailure);
    }
    Map<TransportRequestId, TransportStatus> observed = new LinkedHashMap<>();
    List<TransportRequestId> done = new ArrayList<>();
    List<TransportRequestId> again = new ArrayList<>();
    List<String> unclear = new ArrayList<>();
    boolean missing = false;
    for (TransportRequestId id : ids) {
      TransportRequest t = queue.get(id);
      if (t == null) {
        unclear.add(id + " is no longer in the queue");
        missing = true;
        continue;
      }
      observed.put(id, t.status());
      if (t.status().kind() == TransportStatus.Kind.REPEATABLE) {
        done.add(id);
        continue;
      }
      TransportStatus was = before.get(id);
      boolean unchanged =
          was != null ? was.equals(t.status()) : options.resetThenImport().contains(t.status());
      if (unchanged) {
        again.add(id);
      } else {
        unclear.add(id + " is now " + t.status() + (was != null ? " (was " + was + ")" : ""));
      }
    }
    checks.add(call + ": " + observed);
    return new ResetCheck(
        missing ? Finding.NOT_FOUND : Finding.FOUND, observed, done, again, unclear, checks, null);
  }
}
