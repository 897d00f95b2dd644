package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.TransportOutcome;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Shows a started import or retry: without a wait, that it started; with one, its outcome per transport request.
 * The exit code is 1 when the import finished without success.
 */
final class ImportReport {
  /** How long {@code --wait} waits when given without a duration. */
  static final Duration DEFAULT_WAIT = Duration.ofMinutes(30);

  private ImportReport() {}

  /** Reads {@code --wait [DURATION]}: null without it, the default when given bare. */
  static Duration waitOption(Args a) {
    if (!a.has("--wait")) {
      return null;
    }
    String v = a.value("--wait");
    return v == null || v.isEmpty() ? DEFAULT_WAIT : Durations.parse("--wait", v);
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
        .filter(t -> !ok(t.status()))
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

  private static boolean ok(TransportStatus s) {
    return s.kind() == TransportStatus.Kind.SUCCEEDED || s.kind() == TransportStatus.Kind.WARNING;
  }
}
