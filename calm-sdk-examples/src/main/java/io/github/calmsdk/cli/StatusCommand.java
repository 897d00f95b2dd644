package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.TransportQuery;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportStatus;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code calm status}: the transport requests in a node's queue and their statuses. */
@Command(name = "status", description = "list the transport requests in a node's queue with their statuses")
final class StatusCommand implements CliCommand {
  @Option(names = "--node", required = true, paramLabel = "NAME|ID", converter = Converters.Node.class,
      description = "the node, by name or numeric id")
  NodeRef node;

  @Option(names = "--status", arity = "1..*", split = ",", splitSynopsisLabel = ",", paramLabel = "STATUS",
      converter = Converters.Status.class, completionCandidates = Converters.StatusNames.class,
      description = "only these statuses (default all): " + Inputs.STATUS_NAMES)
  List<TransportStatus> status;

  @Override
  public int run(Context context) {
    Set<TransportStatus> statuses =
        status == null ? Set.copyOf(TransportStatus.QUERYABLE) : new LinkedHashSet<>(status);
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
