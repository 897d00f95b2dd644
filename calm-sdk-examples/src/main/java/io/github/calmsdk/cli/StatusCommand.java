package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.TransportQuery;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportStatus;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code calm status}: the transport requests in a node's queue and their statuses. */
final class StatusCommand implements Command {
  @Override
  public String name() {
    return "status";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: calm status --node NAME|ID [--status STATUS,...]",
        "  lists the transport requests in a node's queue with their statuses",
        "  --node NAME|ID     the node, by name or numeric id",
        "  --status STATUS    only these statuses (default all): " + Inputs.STATUS_NAMES,
        "");
  }

  @Override
  public int run(List<String> args, Context context) {
    Args a = Args.parse(args, Set.of(), Set.of("--node"), Set.of("--status"), Set.of());
    Positionals.none(name(), a);
    NodeRef node = Inputs.node("--node", a.required("--node"));
    List<String> names = a.values("--status");
    Set<TransportStatus> statuses =
        names.isEmpty() ? Set.copyOf(TransportStatus.QUERYABLE) : Inputs.statuses("--status", names);
    List<TransportRequest> trs =
        context.client().deployment().transportRequests(TransportQuery.builder().node(node).statuses(statuses).build());
    Output out = context.out();
    if (out.json()) {
      out.document(Views.object(
          "node", node.toString(),
          "statuses", TransportStatus.QUERYABLE.stream().filter(statuses::contains).map(TransportStatus::value)
              .collect(Collectors.toList()),
          "transportRequests", trs.stream().map(Views::transportRequest).collect(Collectors.toList())));
    } else {
      Tables.transportRequests(out, trs, "");
    }
    return ExitCode.OK.code;
  }
}
