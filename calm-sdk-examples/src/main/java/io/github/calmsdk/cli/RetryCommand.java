package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.RetryRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code calm retry}: imports transport requests again, resetting those that need it first. */
final class RetryCommand implements Command {
  @Override
  public String name() {
    return "retry";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: calm retry --node NAME|ID --tr ID... [--wait [DURATION]]",
        "  imports transport requests again, doing what each one's status needs: error, skipped and succeeded",
        "  are reset first; fatal, repeatable and initial are imported directly; others are refused (exit 2)",
        "  --node NAME|ID      the node whose queue holds them",
        "  --tr ID...          the transport requests",
        "  --wait [DURATION]   wait for the outcome (default 30m); exit 1 when it ends in error or fatal",
        "");
  }

  @Override
  public int run(List<String> args, Context context) {
    Args a = Args.parse(args, Set.of(), Set.of("--node"), Set.of("--tr"), Set.of("--wait"));
    Positionals.none(name(), a);
    String nodeText = a.required("--node");
    NodeRef node = Inputs.node("--node", nodeText);
    List<TransportRequestId> ids = Inputs.transportRequests("--tr", a.values("--tr"));
    if (ids.isEmpty()) {
      throw new UsageException("missing --tr: give the transport requests to retry");
    }
    Duration wait = ImportReport.waitOption(a);
    ImportAction action = context.client().deployment().retry(RetryRequest.of(node, ids));
    return ImportReport.report("retry", nodeText, action, wait, context.out());
  }
}
