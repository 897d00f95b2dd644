package io.github.calmsdk.cli;

import io.github.calmsdk.core.error.CalmInvalidRequestException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.TransportRequestId;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code calm import}: imports transport requests into a node, and with {@code --wait} awaits the outcome. */
@Command(name = "import", description = "import transport requests into a node")
final class ImportCommand implements CliCommand {
  @Option(names = "--node", required = true, paramLabel = "NAME|ID", converter = Converters.Node.class,
      description = "the target node")
  NodeRef node;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Selection selection;

  @Option(names = "--wait", arity = "0..1", fallbackValue = ImportReport.DEFAULT_WAIT, paramLabel = "DURATION",
      converter = Converters.Wait.class,
      description = "wait for the outcome (default ${FALLBACK-VALUE}); exit 1 when it ends in error or fatal")
  Duration wait;

  /** Which transport requests: all, or these. */
  static final class Selection {
    @Option(names = "--all", required = true,
        description = "every importable transport request in its queue (those in error are left out)")
    boolean all;

    @Option(names = "--tr", required = true, arity = "1..*", split = ",", splitSynopsisLabel = ",", paramLabel = "ID",
        converter = Converters.TransportRequest.class, description = "these transport requests")
    List<TransportRequestId> transportRequests;
  }

  @Override
  public int run(Context context) {
    ImportRequest request = selection.all ? ImportRequest.all(node) : ImportRequest.of(node, selection.transportRequests);
    ImportAction action;
    try {
      action = context.client().deployment().importTransports(request);
    } catch (CalmNotFoundException e) {
      String hint = ImportReport.unknownTransportRequest(e, node, selection.all ? List.of() : selection.transportRequests);
      throw hint == null ? e : new CommandFailure(e, hint);
    } catch (CalmInvalidRequestException e) {
      if (selection.all) {
        throw e;
      }
      throw new CommandFailure(e, ImportReport.importedBefore(node, selection.transportRequests));
    }
    return ImportReport.report("import", node.toString(), action, wait, context.out());
  }
}
