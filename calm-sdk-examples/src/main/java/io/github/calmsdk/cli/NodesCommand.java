package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.Node;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code calm nodes}: the transport nodes of the landscape. */
final class NodesCommand implements Command {
  @Override
  public String name() {
    return "nodes";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: calm nodes",
        "  lists the transport nodes (GET /v2/nodes): id, name, whether files may be uploaded into the node,",
        "  whether imports are enabled, and the forward mode",
        "");
  }

  @Override
  public int run(List<String> args, Context context) {
    Args a = Args.parse(args, Set.of(), Set.of(), Set.of(), Set.of());
    Positionals.none(name(), a);
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
