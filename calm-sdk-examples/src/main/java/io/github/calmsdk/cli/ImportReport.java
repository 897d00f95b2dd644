package io.github.calmsdk.cli;

import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.TransportOutcome;
import io.github.calmsdk.deployment.TransportRequestId;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Shows a started import or retry: without a wait, that it started; with one, its outcome per transport request.
 * The exit code is 1 when the import finished without success ({@link ImportOutcome#isSuccessful()}: a transport
 * request that ended {@code skipped} counts as succeeded, as SAP's TMS documentation says).
 */
final class ImportReport {
  /** How long {@code --wait} waits when given without a duration. */
  static final String DEFAULT_WAIT = "30m";

  private ImportReport() {}

  /**
   * The hint for a 404 while importing into a node: that a transport request id is unknown in that node, or null
   * when the node itself is unknown (then the usual hint, 'calm nodes', is right). Cloud ALM documents no way to
   * tell the two apart; its message is read instead: "Node ID 117 does not exist" names only the node. A "not
   * found" without a status was raised by the client itself, such as for a node name no node has.
   */
  static String unknownTransportRequest(CalmNotFoundException e, NodeRef node, List<TransportRequestId> ids) {
    if (e.status() != 404) {
      return null;
    }
    String m = e.serverMessage() == null ? "" : e.serverMessage().toLowerCase(Locale.ROOT);
    if (m.contains("node") && !m.contains("transport request")) {
      return null;
    }
    String which = ids.isEmpty() ? "a transport request"
        : ids.size() == 1 ? "transport request " + ids.get(0)
        : "one of the transport requests " + ids.stream().map(Object::toString).collect(Collectors.joining(", "));
    return which + " is unknown in node " + node + ": see the node's queue with 'calm status --node " + node + "'";
  }

  /**
   * The hint for an import of chosen transport requests that Cloud ALM rejected: one imported before (succeeded,
   * error, skipped) is not importable as it is, and {@code calm retry} resets it first. Cloud ALM's wording of
   * that rejection is not documented, so the hint is given for any rejection and says when it applies.
   */
  static String importedBefore(NodeRef node, List<TransportRequestId> ids) {
    return "Cloud ALM rejected the import; see its message above. A transport request imported before (succeeded,"
        + " error, skipped) is imported again with 'calm retry --node " + node + " --tr "
        + ids.stream().map(Object::toString).collect(Collectors.joining(" ")) + "', which resets it first";
  }

  static int report(String what, String node, ImportAction action, Duration wait, Output out) {
    if (wait == null) {
      if (out.json()) {
        out.document(Views.started(action));
      } else {
        out.line(what + " action " + action.actionId() + " started on node " + node + ": " + trs(action));
        out.line("follow it with 'calm status --node " + node + "', or pass --wait to wait for the outcome");
      }
      return ExitCode.OK.code;
    }
    out.note(what + " action " + action.actionId() + " started on node " + node + "; waiting up to "
        + Durations.format(wait) + " for it to end");
    ImportOutcome o = action.await(wait);
    if (out.json()) {
      out.document(Views.outcome(action, o));
    } else {
      out.line(what + " action " + o.actionId() + " on node " + node + " ended " + o.status());
      Tables.outcome(out, o, "");
    }
    if (o.isSuccessful()) {
      return ExitCode.OK.code;
    }
    List<TransportRequestId> failed = o.transportRequests().stream()
        .filter(t -> !t.status().isSuccess())
        .map(TransportOutcome::transportRequestId)
        .collect(Collectors.toList());
    out.error(
        what + " action " + o.actionId() + " ended " + o.status()
            + (failed.isEmpty() ? "" : ": " + failed.stream().map(id -> "TR " + id + " " + statusOf(o, id))
                .collect(Collectors.joining(", "))),
        failed.isEmpty() ? null
            : "fix the cause in the target system, then: calm retry --node " + node + " --tr "
                + failed.stream().map(TransportRequestId::toString).collect(Collectors.joining(" ")));
    return ExitCode.OUTCOME_FAILED.code;
  }

  private static String trs(ImportAction action) {
    if (action.transportRequests().isEmpty()) {
      return "every importable transport request";
    }
    String list = "TR " + action.transportRequests().stream().map(Object::toString).collect(Collectors.joining(", "));
    return action.resetFirst().isEmpty() ? list
        : list + " (reset first: " + action.resetFirst().stream().map(Object::toString)
            .collect(Collectors.joining(", ")) + ")";
  }

  private static String statusOf(ImportOutcome o, TransportRequestId id) {
    return o.outcome(id).map(t -> t.status().value()).orElse("?");
  }
}
