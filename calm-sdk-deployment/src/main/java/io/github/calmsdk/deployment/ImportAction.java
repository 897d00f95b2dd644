package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on an import the service runs asynchronously. {@link #await(Duration)} polls {@code GET
 * /v2/actions/{id}} at growing intervals (by default 1 s, times 1.5, at most 30 s) until the action is no longer
 * {@code initial} or {@code running}. Thread-safe; the handle holds no connection and may be kept or dropped.
 *
 * <pre>{@code
 * ImportAction action = deployment.importTransports(ImportRequest.of(NodeName.of("QAS_NODE"), tr));
 * ImportOutcome outcome = action.await(Duration.ofMinutes(30));
 * if (!outcome.isSuccessful()) {
 *   action.logs().forEach(log -> log.messages().forEach(m -> System.out.println(m.message())));
 * }
 * }</pre>
 */
public interface ImportAction {
  /**
   * The action's id.
   *
   * @return the id
   */
  ActionId actionId();

  /**
   * The node imported into.
   *
   * @return the node id, empty for a handle made from an action id alone
   */
  Optional<NodeId> node();

  /**
   * The transport requests the import was asked for.
   *
   * @return the ids, empty for an import of all or a handle made from an action id alone
   */
  List<TransportRequestId> transportRequests();

  /**
   * The transport requests a retry reset before importing them.
   *
   * @return the ids, empty for a plain import
   */
  List<TransportRequestId> resetFirst();

  /**
   * The monitoring path the service returned, such as {@code /v2/actions/171}.
   *
   * @return the path, if the service sent one
   */
  Optional<String> monitoringUrl();

  /**
   * Reads the action's current state once.
   *
   * @return the state, finished or not
   * @throws CalmException when the call fails
   */
  ImportOutcome poll();

  /**
   * Polls until the action has finished.
   *
   * @param timeout how long to wait at most
   * @return the finished action, with each transport request's outcome
   * @throws ImportStillRunningException when the action is still running after the timeout
   * @throws CalmException when a poll fails, or the waiting thread is interrupted
   */
  ImportOutcome await(Duration timeout);

  /**
   * {@link #await(Duration)} on the client's executor.
   *
   * @param timeout how long to wait at most
   * @return a future completing with the finished action, or failing as {@code await} does. Cancelling it ({@code
   *     cancel(true)} or {@code cancel(false)}) ends the wait: a sleep between polls is interrupted and no further
   *     poll is sent. It does not stop the import in the service
   */
  CompletableFuture<ImportOutcome> awaitAsync(Duration timeout);

  /**
   * Reads the action's log: per transport request, its messages and its entities' messages.
   *
   * @return the logs
   * @throws CalmException when the call fails
   */
  List<ActionLog> logs();
}
