package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.event.AmbiguousOutcome.Resolution;
import io.github.calmsdk.deployment.ActionId;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.Finding;
import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.ResetCheck;
import io.github.calmsdk.deployment.StatusReading;
import io.github.calmsdk.deployment.TransportNotRetryableException;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.deployment.UnresolvedOutcomeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Import, retry and reset, each settling a lost answer through the resolver, which reads the statuses. */
final class Transitions {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.deployment");

  private final TransportApi api;
  private final DeploymentOptions options;
  private final DefaultOutcomeResolver resolver;

  Transitions(TransportApi api, DeploymentOptions options, DefaultOutcomeResolver resolver) {
    this.api = api;
    this.options = options;
    this.resolver = resolver;
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
    return importTransports(node, ids, all, namedUser, before, resetFirst, true);
  }

  private ImportAction importTransports(
      NodeId node,
      List<TransportRequestId> ids,
      boolean all,
      String namedUser,
      Map<TransportRequestId, TransportStatus> before,
      List<TransportRequestId> resetFirst,
      boolean mayResend) {
    byte[] json = api.json(body(all ? null : ids, namedUser));
    Instant sentAt = api.context().clock().instant();
    Wire.ActionStarted started;
    try {
      started = api.importTransports(node.value(), json, all);
    } catch (CalmAmbiguousOutcomeException lost) {
      return settleImport(node, ids, all, namedUser, before, resetFirst, sentAt, lost, mayResend);
    } catch (CalmDecodingException unreadable) {
      if (unreadable.status() < 200 || unreadable.status() >= 300) {
        throw unreadable;
      }
      // a 2xx answer without a readable action id: the import runs in the service, only its id is unknown.
      // Reported as a plain failure it would invite a second import, so it is settled like a lost answer.
      CalmAmbiguousOutcomeException lost =
          new CalmAmbiguousOutcomeException(
              "outcome unknown: the import was accepted (HTTP " + unreadable.status()
                  + ") but its answer is unreadable (" + unreadable.summary() + ")",
              unreadable.details(),
              unreadable);
      return settleImport(node, ids, all, namedUser, before, resetFirst, sentAt, lost, false);
    }
    return new DefaultImportAction(
        api, options, ActionId.of(started.actionId()), node, ids, resetFirst, started.monitoringURL());
  }

  /**
   * The answer to an import was lost. Imports start asynchronously, so an unchanged status alone never proves that
   * the import was not accepted, and after most lost answers the import is never sent again. Only after a status in
   * {@link DeploymentOptions#resendWhenNotApplied()} (503) for chosen transport requests are their logs read too:
   * one import action since the call was sent is the import (its handle is returned); no import action and every
   * status unchanged means it was not accepted, and it is sent once more. Anything else is unresolved.
   */
  private ImportAction settleImport(
      NodeId node,
      List<TransportRequestId> ids,
      boolean all,
      String namedUser,
      Map<TransportRequestId, TransportStatus> before,
      List<TransportRequestId> resetFirst,
      Instant sentAt,
      CalmAmbiguousOutcomeException lost,
      boolean mayResend) {
    String operation = TransportApi.importOperation(all);
    String what = "the import " + (all ? "of all transport requests" : "of " + ids) + " into node " + node;
    boolean resendable = mayResend && !all && options.resendWhenNotApplied().contains(lost.status());
    StatusReading r = resolver.readStatuses(node, all ? List.of() : ids, before, resendable ? sentAt : null);
    if (r.finding() == Finding.UNREADABLE) {
      resolver.report(operation, lost, Resolution.UNRESOLVED, r.checks());
      UnresolvedOutcomeException e =
          new UnresolvedOutcomeException(
              "outcome unknown: the answer to " + what + " was lost, and " + r.summary()
                  + "; check the node's import history before importing again",
              lost.details(), r.checks(), r.observed(), lost);
      e.addSuppressed(r.failure());
      throw e;
    }
    if (resendable && r.importActions().size() == 1 && r.importLogged()) {
      ActionId action = r.importActions().get(0);
      LOG.info("The answer to {} was lost; its log shows import action {}, awaiting that one", what, action);
      resolver.report(operation, lost, Resolution.APPLIED, r.checks());
      return new DefaultImportAction(api, options, action, node, ids, resetFirst, null);
    }
    if (resendable && r.finding() == Finding.FOUND && !r.importEvidence()) {
      LOG.info("The answer to {} was HTTP {} and nothing shows it started ({}); importing once more",
          what, lost.status(), r.summary());
      resolver.report(operation, lost, Resolution.NOT_APPLIED_RESENT, r.checks());
      try {
        return importTransports(node, ids, false, namedUser, before, resetFirst, false);
      } catch (CalmException again) {
        again.addSuppressed(lost);
        throw again;
      }
    }
    resolver.report(operation, lost, Resolution.UNRESOLVED, r.checks());
    String verdict =
        r.importEvidence()
            ? "the service evidently accepted it; do not import again, await the import in Cloud ALM"
            : "nothing shows yet that it was accepted, but imports start asynchronously; look again before"
                + " importing again";
    throw new UnresolvedOutcomeException(
        "outcome unknown: the answer to " + what + " was lost; statuses now: " + r.summary() + "; " + verdict,
        lost.details(), r.checks(), r.observed(), lost);
  }

  /** Reads the statuses, refuses what cannot be imported again, resets what needs it, and imports. */
  ImportAction retry(NodeId node, List<TransportRequestId> ids, String namedUser) {
    Map<TransportRequestId, TransportRequest> queue = resolver.read(node, ids, TransportQueryCodes.ALL).found();
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
   * change, and only they are reset once more (resetting is harmless to repeat, so this holds after any lost
   * answer). Anything else is reported as unresolved.
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
      ResetCheck check = resolver.resetPending(node, ids, before);
      if (!check.settled()) {
        resolver.report("transport.reset", lost, Resolution.UNRESOLVED, check.checks());
        UnresolvedOutcomeException e =
            new UnresolvedOutcomeException(
                "outcome unknown: the answer to the reset of " + ids + " on node " + node + " was lost, and "
                    + (check.failure() != null
                        ? "the queue could not be read (" + check.failure().summary() + ")"
                        : String.join("; ", check.unclear()) + "; look at them in Cloud ALM before going on"),
                lost.details(), check.checks(), check.observed(), lost);
        if (check.failure() != null) {
          e.addSuppressed(check.failure());
        }
        throw e;
      }
      List<TransportRequestId> again = check.again();
      if (again.isEmpty()) {
        LOG.info("The answer to the reset of {} was lost; all are now repeatable, so the reset happened", ids);
        resolver.report("transport.reset", lost, Resolution.APPLIED, check.checks());
        return;
      }
      LOG.info("The answer to the reset of {} was lost; {} still unchanged, resetting those once more", ids, again);
      resolver.report("transport.reset", lost, Resolution.NOT_APPLIED_RESENT, check.checks());
      try {
        api.transition(node.value(), "reset", api.json(body(again, namedUser)));
      } catch (CalmAmbiguousOutcomeException lostAgain) {
        lostAgain.addSuppressed(lost);
        List<String> checks = new ArrayList<>(check.checks());
        checks.add("reset sent twice");
        resolver.report("transport.reset", lostAgain, Resolution.UNRESOLVED, checks);
        throw new UnresolvedOutcomeException(
            "outcome unknown: the answer to the reset of " + again + " on node " + node
                + " was lost twice; look at their statuses before resetting again",
            lostAgain.details(), checks, check.observed(), lostAgain);
      }
    }
  }

  /** forward or remove: no state read settles these, so a lost answer is passed on as it is. */
  void transition(NodeId node, String verb, List<TransportRequestId> ids, String namedUser) {
    api.transition(node.value(), verb, api.json(body(ids, namedUser)));
  }
}
