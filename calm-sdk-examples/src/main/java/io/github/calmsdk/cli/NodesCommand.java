package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.Node;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code calm nodes}: the transport nodes of the landscape. */
@Command(
    name = "nodes",
    description = {
      "list the transport nodes",
      "GET /v2/nodes: id, name, whether files may be uploaded into the node, whether imports are enabled, and the"
          + " forward mode."
    })
final class NodesCommand implements CliCommand {
  @Override
  public int run(Context context) {
    List<Node> nodes = context.client().deployment().nodes();
    Output out = context.out();
    if (out.json()) {
      out.document(Views.object("nodes", nodes.stream().map(Views::node).collect(Collectors.toList())));
    } else {
      Tables.nodes(out, nodes, "");
    }
    return ExitCode.OK.code;
  }
}
