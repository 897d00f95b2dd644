package io.github.calmsdk.cli;

import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.RetryRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code calm retry}: imports transport requests again, resetting those that need it first. */
@Command(
    name = "retry",
    description = {
      "import transport requests again, resetting those that need it first",
      "Does what each one's status needs: error, skipped and succeeded are reset first; fatal, repeatable and"
          + " initial are imported directly; others are refused (exit 2)."
    })
final class RetryCommand implements CliCommand {
  @Option(names = "--node", required = true, paramLabel = "NAME|ID", converter = Converters.Node.class,
      description = "the node whose queue holds them")
  NodeRef node;

  @Option(names = "--tr", required = true, arity = "1..*", split = ",", splitSynopsisLabel = ",", paramLabel = "ID",
      converter = Converters.TransportRequest.class, description = "the transport requests to retry")
  List<TransportRequestId> transportRequests;

  @Option(names = "--wait", arity = "0..1", fallbackValue = ImportReport.DEFAULT_WAIT, paramLabel = "DURATION",
      converter = Converters.Wait.class,
      description = "wait for the outcome (default ${FALLBACK-VALUE}); exit 1 when it ends in error or fatal")
  Duration wait;

  @Override
  public int run(Context context) {
    ImportAction action;
    try {
      action = context.client().deployment().retry(RetryRequest.of(node, transportRequests));
    } catch (CalmNotFoundException e) {
      String hint = ImportReport.unknownTransportRequest(e, node, transportRequests);
      throw hint == null ? e : new CommandFailure(e, hint);
    }
    return ImportReport.report("retry", node.toString(), action, wait, context.out());
  }
}
