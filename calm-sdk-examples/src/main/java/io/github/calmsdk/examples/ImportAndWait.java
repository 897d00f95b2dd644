package io.github.calmsdk.examples;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.deployment.ActionLog;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.TransportOutcome;
import io.github.calmsdk.deployment.TransportRequestId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports transport requests into a node and waits for the outcome; on failure it prints the action's log.
 *
 * <pre>
 * CALM_SERVICE_KEY=key.json java -cp calm.jar io.github.calmsdk.examples.ImportAndWait QAS 4711 4712
 * </pre>
 */
public final class ImportAndWait {
  private ImportAndWait() {}

  /**
   * Runs the example; exits 1 when the import did not succeed.
   *
   * @param args the target node, then one or more transport request ids
   */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: ImportAndWait NODE TR-ID...");
      System.exit(2);
    }
    List<TransportRequestId> ids = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      ids.add(TransportRequestId.of(Long.parseLong(args[i])));
    }
    boolean ok;
    try (CalmClient calm = CalmClient.create(ServiceKey.fromEnvironment("CALM_SERVICE_KEY"))) {
      ok = importAndWait(calm, NodeName.of(args[0]), ids, Duration.ofMinutes(30)).isSuccessful();
    }
    System.exit(ok ? 0 : 1);
  }

  /**
   * Imports and awaits, printing each transport request's outcome, and the log of a failed import.
   *
   * @param calm the client
   * @param node the target node
   * @param ids the transport requests
   * @param timeout how long to wait at most
   * @return the outcome
   */
  public static ImportOutcome importAndWait(
      CalmClient calm, NodeName node, List<TransportRequestId> ids, Duration timeout) {
    ImportAction action = calm.deployment().importTransports(ImportRequest.of(node, ids));
    ImportOutcome outcome = action.await(timeout);
    for (TransportOutcome t : outcome.transportRequests()) {
      System.out.println("transport request " + t.transportRequestId() + ": " + t.status());
    }
    if (!outcome.isSuccessful()) {
      for (ActionLog log : action.logs()) {
        log.messages().forEach(m -> System.out.println("  " + log.transportRequestId() + " " + m.message()));
      }
    }
    return outcome;
  }
}
