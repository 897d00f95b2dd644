package io.github.calmsdk.testkit.internal;

import io.github.calmsdk.testkit.FakeTransportRequest;
import io.github.calmsdk.testkit.internal.TmsStore.Action;
import io.github.calmsdk.testkit.internal.TmsStore.Node;
import io.github.calmsdk.testkit.internal.TmsStore.QueueEntry;
import io.github.calmsdk.testkit.internal.TmsStore.Tr;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The status state machine of transport requests in queues, as the TMS docs describe it: creation by upload or
 * export, import (selected or all) as an asynchronous action, reset, forward and remove. The callers hold the
 * store's lock for every method not marked public.
 */
public final class TmsLifecycle {
  /** Status names by their query code. */
  static final Map<String, String> STATUS_CODES = codes();
  private static final Set<String> IMPORTABLE = Set.of("initial", "fatal", "repeat");
  private static final Set<String> RESETTABLE = Set.of("error", "skipped", "succeeded");
  private static final Set<String> FORWARD_TO_REPEAT =
      Set.of("deleted", "error", "fatal", "skipped", "succeeded", "warning");
  private static final List<String> OUTCOMES = List.of("succeeded", "skipped", "warning", "error", "fatal");

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

  /** The three queue operations that answer 204 without an action id. */
  enum Transition {
    FORWARD("FQ", "Forwarded"),
    RESET("RQ", "Reset"),
    REMOVE("DQ", "Removed");

    final String actionType;
    final String verb;

    Transition(String actionType, String verb) {
      this.actionType = actionType;
      this.verb = verb;
    }
  }

  private final Settings settings;
  private final TmsStore store;
  private final List<Action> running = new ArrayList<>();
  private final Map<Long, Deque<String>> outcomes = new HashMap<>();

  TmsLifecycle(Settings settings, TmsStore store) {
    this.settings = settings;
    this.store = store;
  }

  // ------------------------------------------------------------------------------------------------ test control

  /**
   * The outcomes of the next imports of a transport request; the last one stays.
   *
   * @throws IllegalArgumentException when none or an unknown one is given
   */
  public void importOutcomes(long trId, List<String> statuses) {
    if (statuses.isEmpty()) {
      throw new IllegalArgumentException("give at least one outcome");
    }
    for (String s : statuses) {
      if (!OUTCOMES.contains(s)) {
        throw new IllegalArgumentException("an import outcome is one of " + OUTCOMES + ", not " + s);
      }
    }
    store.locked(() -> outcomes.put(trId, new ArrayDeque<>(statuses)));
  }

  /**
   * Sets the status of a transport request in a named node's queue.
   *
   * @throws NoSuchElementException when the node or the entry does not exist
   * @throws IllegalArgumentException when the status is unknown
   */
  public void setStatus(long trId, String nodeName, String status) {
    if (!STATUS_CODES.containsValue(status)) {
      throw new IllegalArgumentException("a status is one of " + STATUS_CODES.values() + ", not " + status);
    }
    store.locked(() -> {
      Node node = store.findNode(nodeName);
      if (node == null) {
        throw new NoSuchElementException("no node named " + nodeName);
      }
      QueueEntry e = node.find(trId);
      if (e == null) {
        throw new NoSuchElementException("transport request " + trId + " is not in the queue of node " + node.id);
      }
      store.setEntryStatus(e, status);
      return null;
    });
  }

  /** Ends every running import now. */
  public void completeImports() {
    store.locked(() -> {
      new ArrayList<>(running).forEach(this::complete);
      return null;
    });
  }

  /** Snapshots of every transport request, after completing the imports that are due. */
  public List<FakeTransportRequest> transportRequests() {
    return store.locked(() -> {
      completeDue();
      List<FakeTransportRequest> out = new ArrayList<>();
      store.trs.values().forEach(tr -> out.add(store.snapshot(tr)));
      return out;
    });
  }

  /**
   * A snapshot of one transport request, after completing the imports that are due.
   *
   * @throws NoSuchElementException when there is none
   */
  public FakeTransportRequest transportRequest(long id) {
    return store.locked(() -> {
      completeDue();
      Tr tr = store.trs.get(id);
      if (tr == null) {
        throw new NoSuchElementException("no transport request " + id);
      }
      return store.snapshot(tr);
    });
  }

  // ------------------------------------------------------------------------------------------------ operations

  static boolean isImportable(String status) {
    return IMPORTABLE.contains(status);
  }

  /** Creates a transport request in {@code node}'s queue (upload) or its follow-on queues (export). */
  Action create(Node node, boolean export, Tr tr, List<Node> targets) {
    Action a = store.newAction(export ? "NE" : "NU", node, tr.createdBy, tr.namedUser);
    for (Node target : targets) {
      store.enqueue(tr, target);
      a.nodeIds.add(target.id);
    }
    finish(a, tr, (export ? "Exported" : "Uploaded") + " transport request " + tr.id);
    return a;
  }

  /** Selects the entries to import: the given ids (each must be importable) or, for {@code ids == null}, all. */
  List<QueueEntry> importable(Node node, List<Long> ids) {
    if (node.controlledBy != null) {
      throw TmsErrors.badRequest("Node " + node.name + " is controlled by SAP Solution Manager (" + node.controlledBy
          + "); imports into it cannot be triggered through this API");
    }
    if (ids != null && "BTP_ABAP".equals(node.contentType)) {
      throw TmsErrors.badRequest("Import of selected transport requests is not possible for content type BTP_ABAP"
          + " in node " + node.name + "; import all or up to a transport request instead");
    }
    List<QueueEntry> selected = new ArrayList<>();
    if (ids == null) {
      for (QueueEntry e : node.queue) {
        if (IMPORTABLE.contains(e.status)) {
          selected.add(e);
        }
      }
      return selected;
    }
    for (long id : ids) {
      QueueEntry e = store.requireEntry(node, id);
      if (!IMPORTABLE.contains(e.status)) {
        throw TmsErrors.badRequest("Transport request " + id + " has status " + e.status
            + " in node " + node.name + " and cannot be imported; importable: initial, fatal, repeat");
      }
      selected.add(e);
    }
    return selected;
  }

  /** Starts an import action of the selected entries; it ends after the configured polls or duration. */
  Action startImport(Node node, List<QueueEntry> selected, String triggeredBy, String namedUser) {
    Action a = store.newAction("I", node, triggeredBy, namedUser);
    a.status = "running";
    for (QueueEntry e : selected) {
      store.setEntryStatus(e, "running");
      a.trs.add(e.tr);
      a.trStatus.put(e.tr.id, "running");
      store.log(a, e.tr.id, "TS_IMPORT_STARTED", "I",
          "Import of transport request " + e.tr.id + " into node " + node.name + " started");
    }
    running.add(a);
    if (settings.importDuration() == null && settings.importPolls() == 0) {
      complete(a);
    }
    return a;
  }

  /** Validates and applies a forward, reset or remove of the given ids; all or nothing. */
  void transition(Node node, Transition kind, List<Long> ids, String triggeredBy, String namedUser) {
    List<Node> targets = kind == Transition.FORWARD ? store.followOn(node) : List.of();
    if (kind == Transition.FORWARD && targets.isEmpty()) {
      throw TmsErrors.badRequest("Node " + node.name + " has no follow-on nodes to forward to");
    }
    List<QueueEntry> selected = new ArrayList<>();
    for (long id : ids) {
      QueueEntry e = store.requireEntry(node, id);
      if (kind == Transition.RESET && !RESETTABLE.contains(e.status)) {
        throw TmsErrors.badRequest("Transport request " + id + " has status " + e.status
            + " and cannot be reset; only error, skipped or succeeded can be reset");
      }
      if (kind == Transition.REMOVE && e.status.equals("running")) {
        throw TmsErrors.badRequest("Transport request " + id + " is running and cannot be removed");
      }
      if (kind == Transition.FORWARD) {
        for (Node t : targets) {
          QueueEntry there = t.find(id);
          if (there != null && there.status.equals("running")) {
            throw TmsErrors.badRequest("Transport request " + id + " is running in node " + t.name
                + " and cannot be forwarded");
          }
        }
      }
      selected.add(e);
    }
    Action a = store.newAction(kind.actionType, node, triggeredBy, namedUser);
    for (QueueEntry e : selected) {
      switch (kind) {
        case RESET:
          store.setEntryStatus(e, "repeat");
          break;
        case REMOVE:
          store.setEntryStatus(e, "deleted");
          break;
        default:
          targets.forEach(t -> a.nodeIds.add(t.id));
          forward(e.tr, targets);
          break;
      }
      finish(a, e.tr, kind.verb + " transport request " + e.tr.id);
    }
  }

  /** Counts a read of an action (for the poll-based import end) and completes what is due. */
  void read(Action a) {
    a.reads++;
    completeDue();
  }

  /** Completes the running imports that are due by the configured polls or duration. */
  void completeDue() {
    if (running.isEmpty()) {
      return;
    }
    Instant now = store.now();
    for (Action a : new ArrayList<>(running)) {
      boolean due = settings.importDuration() != null
          ? !now.isBefore(a.startedAt.plus(settings.importDuration()))
          : a.reads > settings.importPolls();
      if (due) {
        complete(a);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ internals

  private void forward(Tr tr, List<Node> targets) {
    for (Node t : targets) {
      QueueEntry there = t.find(tr.id);
      if (there == null) {
        store.enqueue(tr, t);
      } else {
        if (FORWARD_TO_REPEAT.contains(there.status)) {
          there.status = "repeat";
        }
        store.requeue(there);
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
        store.setEntryStatus(e, outcome);
      }
      a.trStatus.put(tr.id, outcome);
      worst = Math.max(worst, OUTCOMES.indexOf(outcome));
      store.log(a, tr.id, "TS_IMPORT_" + outcome.toUpperCase(Locale.ROOT), severity(outcome),
          outcomeText(tr.id, outcome));
      if (settings.autoForward() && (outcome.equals("succeeded") || outcome.equals("warning"))) {
        forward(tr, store.followOn(a.node));
      }
    }
    String status = OUTCOMES.get(worst);
    a.status = status.equals("skipped") ? "succeeded" : status;
    a.endedAt = store.now();
  }

  private String nextOutcome(long trId) {
    Deque<String> planned = outcomes.get(trId);
    if (planned == null || planned.isEmpty()) {
      return "succeeded";
    }
    return planned.size() > 1 ? planned.poll() : planned.peek();
  }

  private void finish(Action a, Tr tr, String message) {
    a.trs.add(tr);
    a.trStatus.put(tr.id, "succeeded");
    store.log(a, tr.id, "TS_" + a.type, "I", message);
    a.status = "succeeded";
    a.endedAt = store.now();
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
}
