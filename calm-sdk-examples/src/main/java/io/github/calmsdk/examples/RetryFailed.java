package io.github.calmsdk.examples;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.RetryRequest;
import io.github.calmsdk.deployment.TransportQuery;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Retries what failed in a node: every transport request in {@code error} or {@code fatal} is imported again (those
 * in error are reset first; the SDK decides from each status).
 *
 * <pre>
 * CALM_SERVICE_KEY=key.json java -cp calm.jar io.github.calmsdk.examples.RetryFailed QAS
 * </pre>
 */
public final class RetryFailed {
  private RetryFailed() {}

  /**
   * Runs the example.
   *
   * @param args the node
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: RetryFailed NODE");
      System.exit(2);
    }
    try (CalmClient calm = CalmClient.create(ServiceKey.fromEnvironment("CALM_SERVICE_KEY"))) {
      Optional<ImportOutcome> outcome = retryFailed(calm, NodeName.of(args[0]), Duration.ofMinutes(30));
      System.out.println(outcome.map(o -> "retry ended " + o.status()).orElse("nothing failed in " + args[0]));
    }
  }

  /**
   * Retries every failed transport request of a node and waits for the outcome.
   *
   * @param calm the client
   * @param node the node
   * @param timeout how long to wait at most
   * @return the outcome, or empty when nothing had failed
   */
  public static Optional<ImportOutcome> retryFailed(CalmClient calm, NodeName node, Duration timeout) {
    List<TransportRequestId> failed = calm.deployment()
        .transportRequests(TransportQuery.of(node, TransportStatus.ERROR, TransportStatus.FATAL))
        .stream()
        .map(TransportRequest::id)
        .collect(Collectors.toList());
    if (failed.isEmpty()) {
      return Optional.empty();
    }
    ImportAction action = calm.deployment().retry(RetryRequest.of(node, failed));
    System.out.println("retrying " + failed + (action.resetFirst().isEmpty() ? "" : ", reset first: " + action.resetFirst()));
    return Optional.of(action.await(timeout));
  }
}
