package io.github.calmsdk.examples;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ExportResult;
import java.nio.file.Path;

/**
 * Exports a file: uploads it and creates a transport request in the queues of the node's follow-on nodes.
 *
 * <pre>
 * CALM_SERVICE_KEY=key.json java -cp calm.jar io.github.calmsdk.examples.ExportFile DEV target/app.mtar "Release 42"
 * </pre>
 */
public final class ExportFile {
  private ExportFile() {}

  /**
   * Runs the example.
   *
   * @param args the source node, the file, and optionally the description
   */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: ExportFile NODE FILE [DESCRIPTION]");
      System.exit(2);
    }
    try (CalmClient calm = CalmClient.create(ServiceKey.fromEnvironment("CALM_SERVICE_KEY"))) {
      String description = args.length > 2 ? args[2] : "Export of " + args[1];
      ExportResult result = exportFile(calm, args[0], Path.of(args[1]), description);
      System.out.println("transport request " + result.transportRequestId() + " created, queued in "
          + result.queueEntries().stream().map(q -> q.nodeName().value()).toList());
    }
  }

  /**
   * Exports one MTA file, printing the upload's progress.
   *
   * @param calm the client
   * @param node the source node's name
   * @param file the file
   * @param description the transport request's description
   * @return the new transport request
   */
  public static ExportResult exportFile(CalmClient calm, String node, Path file, String description) {
    ExportRequest request = ExportRequest.builder()
        .node(node)
        .file(file)
        .contentType(ContentType.MTA)
        .description(description)
        .progress((sent, total) -> System.err.printf("\ruploaded %d%%", total == 0 ? 100 : sent * 100 / total))
        .build();
    ExportResult result = calm.deployment().export(request);
    System.err.println();
    return result;
  }
}
