package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.Node;
import io.github.calmsdk.deployment.StatusChange;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.features.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The tables people see, shared by the commands and the demo. */
final class Tables {
  private Tables() {}

  static void nodes(Output out, List<Node> nodes, String indent) {
    List<List<String>> rows = new ArrayList<>();
    for (Node n : nodes) {
      rows.add(List.of(
          Long.toString(n.id().value()),
          n.name().value(),
          Format.yesNo(n.uploadAllowed()),
          n.importDisabled() ? "disabled" + (n.importDisabledReason() == null ? "" : ": " + n.importDisabledReason())
              : "enabled",
          Format.text(n.forwardMode()),
          Format.text(n.description())));
    }
    out.table(List.of("ID", "NAME", "UPLOAD", "IMPORT", "FORWARD", "DESCRIPTION"), rows, indent);
  }

  static void transportRequests(Output out, List<TransportRequest> trs, String indent) {
    List<List<String>> rows = new ArrayList<>();
    for (TransportRequest t : trs) {
      rows.add(List.of(
          Long.toString(t.id().value()),
          t.status().value() + (t.archived() ? " (archived)" : ""),
          Format.time(t.createdAt()),
          Format.text(t.createdByNamedUser() != null ? t.createdByNamedUser() : t.createdBy()),
          Format.text(t.description())));
    }
    out.table(List.of("TR", "STATUS", "CREATED", "BY", "DESCRIPTION"), rows, indent);
  }

  static void outcome(Output out, ImportOutcome o, String indent) {
    List<List<String>> rows = new ArrayList<>();
    o.transportRequests().forEach(
        t -> rows.add(List.of(Long.toString(t.transportRequestId().value()), t.status().value())));
    out.table(List.of("TR", "STATUS"), rows, indent);
  }

  static void features(Output out, List<Feature> features, Map<String, String> statusNames, String indent) {
    List<List<String>> rows = new ArrayList<>();
    for (Feature f : features) {
      rows.add(List.of(
          Format.text(f.displayId()), status(f.statusCode(), statusNames), Format.text(f.title()), f.uuid()));
    }
    out.table(List.of("ID", "STATUS", "TITLE", "UUID"), rows, indent);
  }

  /** A feature status as "In Testing (IN_TESTING)", or the bare code when its name is unknown. */
  static String status(String code, Map<String, String> names) {
    if (code == null) {
      return "-";
    }
    String name = names.get(code);
    return name == null || name.equals(code) ? code : name + " (" + code + ")";
  }

  /** One watch line: when, node, transport request, from and to ("-" when it was not or is no longer listed). */
  static String change(StatusChange c, String node) {
    return String.format(
        "%s  %s  TR %-6s %-9s -> %s",
        Format.time(c.observedAt()),
        node,
        c.transportRequestId().value(),
        c.from().map(TransportStatus::value).orElse("-"),
        c.to().map(TransportStatus::value).orElse("-"));
  }
}
