package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.deployment.ActionId;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.TransportNotRetryableException;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.deployment.UnresolvedOutcomeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Import, retry and reset, each settling a lost answer by reading the transport requests' statuses. */
final class Transitions {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.deployment");
  private static final Set<TransportStatus> IMPORTABLE =
      Set.of(TransportStatus.INITIAL, TransportStatus.FATAL, TransportStatus.REPEATABLE);

  private final TransportApi api;
  private final DeploymentOptions options;

  Transitions(TransportApi api, DeploymentOptions options) {
    this.api = api;
    this.options = options;
  }

  static Map<String, Object> body(List<TransportRequestId> ids, String namedUser) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (ids != null) {
      body.put("transportRequests", ids.stream().map(TransportRequestId::value).collect(Collectors.toList()));
    }
    if (namedUser != null) {
      body.put("namedUser", namedUser);
    }
    return body;
  }

  /** Every transport request of a node's queue, by id. */
  Map<TransportRequestId, TransportRequest> queue(NodeId node) {
    Map<TransportRequestId, TransportRequest> out = new LinkedHashMap<>();
    for (TransportRequest t :
        api.transportRequests(node.value(), TransportQueryCodes.ALL, null, null, null, null, null)) {
      out.put(t.id(), t);
    }
    return out;
  }

  /**
   * Starts an import.
   *
   * @param before the statuses expected before the import, for telling a change apart; may be empty
   */
  ImportAction importTransports(
      NodeId node,
      List<TransportRequestId> ids,
      boolean all,
      String namedUser,
      Map<TransportRequestId, TransportStatus> before,
      List<TransportRequestId> resetFirst) {
    byte[] json = api.json(body(all ? null : ids, namedUser));
    Wire.ActionStarted started;
    try {
      started = api.importTransports(node.value(), json, all);
    } catch (CalmAmbiguousOutcomeException lost) {
      throw importUnresolved(node, ids, all, before, lost);
    } catch (CalmDecodingException unreadable) {
      if (unreadable.status() < 200 || unreadable.status() >= 300) {
        throw unreadable;
      }
      // a 2xx answer without a readable action id: the import runs in the service, only its id is unknown.
      // Reported as a plain failure it would invite a second import, so it is settled like a lost answer.
      throw importUnresolved(
          node,
          ids,
          all,
          before,
          new CalmAmbiguousOutcomeException(
              "outcome unknown: the import was accepted (HTTP " + unreadable.status()
                  + ") but its answer is unreadable (" + unreadable.summary() + ")",
              unreadable.details(),
              unreadable));
    }
    return new DefaultImportAction(
        api, options, ActionId.of(started.actionId()), node, ids, resetFirst, started.monitoringURL());
  }

  /**
   * The answer to an import was lost. The statuses are read and reported, but the import is never sent again:
   * the service runs imports asynchronously, so an unchanged status does not prove that the import was not
   * accepted.
   */
  private UnresolvedOutcomeException importUnresolved(
      NodeId node,
      List<TransportRequestId> ids,
      boolean all,
      Map<TransportRequestId, TransportStatus> before,
      CalmAmbiguousOutcomeException lost) {
    String what = "the import " + (all ? "of all transport requests" : "of " + ids) + " into node " + node;
    List<String> checks = new ArrayList<>();
    Map<TransportRequestId, TransportStatus> observed = new LinkedHashMap<>();
    Map<TransportRequestId, TransportRequest> queue;
    try {
      queue = queue(node);
    } catch (CalmException readFailure) {
      checks.add("reading the queue of node " + node + " failed: " + readFailure.summary());
      UnresolvedOutcomeException e =
          new UnresolvedOutcomeException(
              "outcome unknown: the answer to " + what + " was lost, and the queue could not be read ("
                  + readFailure.summary() + "); check the node's import history before importing again",
              lost.details(), checks, observed, lost);
      e.addSuppressed(readFailure);
      return e;
    }
    List<String> seen = new ArrayList<>();
    boolean evidence = false;
    if (all) {
      for (TransportRequest t : queue.values()) {
        if (t.status().kind() == TransportStatus.Kind.RUNNING) {
          observed.put(t.id(), t.status());
          seen.add(t.id() + " running");
          evidence = true;
        }
      }
    } else {
      for (TransportRequestId id : ids) {
        TransportRequest t = queue.get(id);
        if (t == null) {
          seen.add(id + " not in the queue");
          continue;
        }
        observed.put(id, t.status());
        TransportStatus was = before.get(id);
        boolean changed =
            t.status().kind() == TransportStatus.Kind.RUNNING
                || (was != null ? !was.equals(t.status()) : !IMPORTABLE.contains(t.status()));
        evidence |= changed;
        seen.add(id + " " + t.status() + (changed ? " (changed)" : " (unchanged)"));
      }
    }
    checks.add(
        "GET " + api.path(api.transportRequestsPath(node.value())) + ": "
            + (seen.isEmpty() ? "nothing running" : String.join(", ", seen)));
    String verdict =
        evidence
            ? "the service evidently accepted it; do not import again, await the import in Cloud ALM"
            : "nothing shows yet that it was accepted, but imports start asynchronously; look again before"
                + " importing again";
    return new UnresolvedOutcomeException(
        "outcome unknown: the answer to " + what + " was lost; statuses now: "
            + (seen.isEmpty() ? "nothing running" : String.join(", ", seen)) + "; " + verdict,
        lost.details(), checks, observed, lost);
  }

  /** Reads the statuses, refuses what cannot be imported again, resets what needs it, and imports. */
  ImportAction retry(NodeId node, List<TransportRequestId> ids, String namedUser) {
    Map<TransportRequestId, TransportRequest> queue = queue(node);
    List<TransportRequestId> toReset = new ArrayList<>();
    Map<TransportRequestId, TransportStatus> before = new LinkedHashMap<>();
    List<String> refusals = new ArrayList<>();
    TransportRequestId firstRefused = null;
    TransportRequest firstRefusedTr = null;
    for (TransportRequestId id : ids) {
      TransportRequest t = queue.get(id);
      String refusal = refusal(node, id, t);
      if (refusal != null) {
        refusals.add(refusal);
        if (firstRefused == null) {
          firstRefused = id;
          firstRefusedTr = t;
        }
        continue;
      }
      if (options.resetThenImport().contains(t.status())) {
        toReset.add(id);
        before.put(id, t.status());
      } else {
        before.put(id, t.status());
      }
    }
    if (firstRefused != null) {
      throw new TransportNotRetryableException(
          firstRefused,
          firstRefusedTr == null ? null : firstRefusedTr.status(),
          firstRefusedTr != null && firstRefusedTr.archived(),
          "cannot retry, nothing was sent: " + String.join("; ", refusals));
    }
    if (!toReset.isEmpty()) {
      reset(node, toReset, namedUser, before);
    }
    Map<TransportRequestId, TransportStatus> expected = new LinkedHashMap<>(before);
    for (TransportRequestId id : toReset) {
      expected.put(id, TransportStatus.REPEATABLE);
    }
    return importTransports(node, ids, false, namedUser, expected, toReset);
  }

  private String refusal(NodeId node, TransportRequestId id, TransportRequest t) {
    if (t == null) {
      return id + " is not in the queue of node " + node + "; check the node and the id";
    }
    if (t.archived()) {
      return id + " is archived (its content is gone after the retention period); export it again";
    }
    TransportStatus s = t.status();
    if (options.resetThenImport().contains(s) || options.importDirectly().contains(s)) {
      return null;
    }
    switch (s.kind()) {
      case RUNNING:
        return id + " is running; await the import in progress, then retry what failed";
      case DELETED:
        return id + " is deleted from this queue; forward it again from the previous node";
      case WARNING:
        return id
            + " is warning (imported with warnings); reset is documented only for error, skipped and succeeded:"
            + " add WARNING to DeploymentOptions.resetThenImport if your landscape allows it";
      default:
        return id + " has status '" + s + "', which gives no safe way to import it again; look at it in Cloud"
            + " ALM, or configure DeploymentOptions.resetThenImport / importDirectly";
    }
  }

  /**
   * Resets transport requests. When the answer is lost, the statuses are read: {@code repeat} means the reset
   * happened; those still in the status they had (or, without a known previous status, in a resettable one) did not
   * change, and only they are reset once more. Anything else is reported as unresolved.
   */
  void reset(
      NodeId node,
      List<TransportRequestId> ids,
      String namedUser,
      Map<TransportRequestId, TransportStatus> before) {
    try {
      api.transition(node.value(), "reset", api.json(body(ids, namedUser)));
      return;
    } catch (CalmAmbiguousOutcomeException lost) {
      List<TransportRequestId> again = resetNotApplied(node, ids, before, lost);
      if (again.isEmpty()) {
        LOG.info("The answer to the reset of {} was lost; all are now repeatable, so the reset happened", ids);
        return;
      }
      LOG.info("The answer to the reset of {} was lost; {} still unchanged, resetting those once more", ids, again);
      try {
        api.transition(node.value(), "reset", api.json(body(again, namedUser)));
      } catch (CalmAmbiguousOutcomeException lostAgain) {
        lostAgain.addSuppressed(lost);
        throw new UnresolvedOutcomeException(
            "outcome unknown: the answer to the reset of " + again + " on node " + node
                + " was lost twice; look at their statuses before resetting again",
            lostAgain.details(), List.of("reset sent twice"), Map.of(), lostAgain);
      }
    }
  }

  private List<TransportRequestId> resetNotApplied(
      NodeId node,
      List<TransportRequestId> ids,
      Map<TransportRequestId, TransportStatus> before,
      CalmAmbiguousOutcomeException lost) {
    List<String> checks = new ArrayList<>();
    Map<TransportRequestId, TransportRequest> queue;
    try {
      queue = queue(node);
    } catch (CalmException readFailure) {
      checks.add("reading the queue of node " + node + " failed: " + readFailure.summary());
      UnresolvedOutcomeException e =
          new UnresolvedOutcomeException(
              "outcome unknown: the answer to the reset of " + ids + " on node " + node
                  + " was lost, and the queue could not be read (" + readFailure.summary() + ")",
              lost.details(), checks, Map.of(), lost);
      e.addSuppressed(readFailure);
      throw e;
    }
    Map<TransportRequestId, TransportStatus> observed = new LinkedHashMap<>();
    List<TransportRequestId> again = new ArrayList<>();
    List<String> unclear = new ArrayList<>();
    for (TransportRequestId id : ids) {
      TransportRequest t = queue.get(id);
      if (t == null) {
        unclear.add(id + " is no longer in the queue");
        continue;
      }
      observed.put(id, t.status());
      if (t.status().kind() == TransportStatus.Kind.REPEATABLE) {
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
    checks.add("GET " + api.path(api.transportRequestsPath(node.value())) + ": " + observed);
    if (!unclear.isEmpty()) {
      throw new UnresolvedOutcomeException(
          "outcome unknown: the answer to the reset of " + ids + " on node " + node + " was lost, and "
              + String.join("; ", unclear) + "; look at them in Cloud ALM before going on",
          lost.details(), checks, observed, lost);
    }
    return again;
  }

  /** forward or remove: no state read settles these, so a lost answer is passed on as it is. */
  void transition(NodeId node, String verb, List<TransportRequestId> ids, String namedUser) {
    api.transition(node.value(), verb, api.json(body(ids, namedUser)));
  }
}
