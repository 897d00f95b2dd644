package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.TransportRequestId;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code calm import}: imports transport requests into a node, and with {@code --wait} awaits the outcome. */
final class ImportCommand implements Command {
  @Override
  public String name() {
    return "import";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: calm import --node NAME|ID (--all | --tr ID...) [--wait [DURATION]]",
        "  imports transport requests into a node",
        "  --node NAME|ID      the target node",
        "  --all               every importable transport request in its queue (those in error are left out)",
        "  --tr ID...          these transport requests",
        "  --wait [DURATION]   wait for the outcome (default 30m); exit 1 when it ends in error or fatal",
        "");
  }

  @Override
  public int run(List<String> args, Context context) {
    Args a = Args.parse(args, Set.of("--all"), Set.of("--node"), Set.of("--tr"), Set.of("--wait"));
    Positionals.none(name(), a);
    String nodeText = a.required("--node");
    NodeRef node = Inputs.node("--node", nodeText);
    List<TransportRequestId> ids = Inputs.transportRequests("--tr", a.values("--tr"));
    if (a.has("--all") == !ids.isEmpty()) {
      throw new UsageException("pass either --all or --tr ID...");
    }
    Duration wait = ImportReport.waitOption(a);
    ImportRequest request = a.has("--all") ? ImportRequest.all(node) : ImportRequest.of(node, ids);
    ImportAction action = context.client().deployment().importTransports(request);
    return ImportReport.report("import", nodeText, action, wait, context.out());
  }
}
