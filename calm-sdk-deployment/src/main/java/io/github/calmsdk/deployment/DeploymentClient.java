package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.deployment.internal.DefaultDeploymentClient;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Export, import, retry and status changes of transport requests through SAP Cloud ALM's pass-through to the
 * transport management API ({@code {endpoints.Api}/imp-cdm-transport-management-api/v1/v2/...}). Thread-safe; make
 * one per service key and share it.
 *
 * <p>Input is checked before anything is sent. State-changing calls are never sent twice blindly: when the answer
 * to an export is lost, the client looks for the new transport request in the queues and returns it ({@link
 * ExportResult#recovered()}); when the answer to an import or reset is lost, it reads the transport requests'
 * statuses and either settles the outcome or throws {@link UnresolvedOutcomeException} with what it saw. After a
 * 503 ({@link DeploymentOptions#resendWhenNotApplied()}) a call the state shows was not applied is sent once more.
 * Each settling is reported to the context's listeners as an {@code AmbiguousOutcome}. See {@link #resolver()}.
 *
 * <pre>{@code
 * DeploymentClient deployment = DeploymentClient.create(clientContext, URI.create("https://eu10.alm.cloud.sap/api"),
 *     DeploymentOptions.defaults());
 * ExportResult exported = deployment.export(ExportRequest.builder()
 *     .node("DEV_NODE").file(Path.of("app.mtar")).contentType(ContentType.MTA).description("App 1.2").build());
 * ImportOutcome imported = deployment
 *     .importTransports(ImportRequest.of(NodeName.of("QAS_NODE"), exported.transportRequestId()))
 *     .await(Duration.ofMinutes(30));
 * }</pre>
 */
public interface DeploymentClient {
  /**
   * Creates a client.
   *
   * @param context the client's context: its pipeline (with authorization) sends every call; its clock, sleeper
   *     and executor drive polling, watching and the async forms
   * @param apiBase the API base URL, the service key's {@code endpoints.Api} (such as {@code
   *     https://eu10.alm.cloud.sap/api})
   * @param options the settings
   * @return the client
   * @throws CalmValidationException when the API base is not an absolute URL
   */
  static DeploymentClient create(ClientContext context, URI apiBase, DeploymentOptions options) {
    return new DefaultDeploymentClient(context, apiBase, options);
  }

  /**
   * Creates a client with the default settings.
   *
   * @param context the client's context: its pipeline (with authorization) sends every call; its clock, sleeper
   *     and executor drive polling, watching and the async forms
   * @param apiBase the API base URL, the service key's {@code endpoints.Api}
   * @return the client
   * @throws CalmValidationException when the API base is not an absolute URL
   */
  static DeploymentClient create(ClientContext context, URI apiBase) {
    return create(context, apiBase, DeploymentOptions.defaults());
  }

  /**
   * The resolver that settles lost answers by reading the server's state; the client uses it itself after a lost
   * export, import or reset. Use it to settle an outcome later from persisted data alone (a file id, a transport
   * request id, the instant a call was sent), for example after a process restart.
   *
   * <pre>{@code
   * ExportLookup look = deployment.resolver().findExport(
   *     LostExport.ofFiles(NodeName.of("DEV_NODE"), ExportMode.EXPORT, List.of(4711L), sentAt));
   * }</pre>
   *
   * @return the resolver, thread-safe
   */
  OutcomeResolver resolver();

  /**
   * Lists the nodes of the transport landscape ({@code GET /v2/nodes}).
   *
   * @return the nodes
   * @throws CalmException when the call fails
   */
  List<Node> nodes();

  /**
   * Finds a node by id, through {@link #nodes()}.
   *
   * @param id the id
   * @return the node, empty when there is none
   * @throws CalmException when the call fails
   */
  Optional<Node> node(NodeId id);

  /**
   * Finds a node by name, through {@link #nodes()}.
   *
   * @param name the name
   * @return the node, empty when there is none
   * @throws CalmException when the call fails
   */
  Optional<Node> node(NodeName name);

  /**
   * Uploads the files (streamed, {@code POST /v2/files/upload}) and creates one transport request holding them
   * ({@code POST /v2/nodes/export} or {@code /v2/nodes/upload}). When the answer to the create call is lost, the
   * queues are read for a transport request holding the uploaded file ids, and that one is returned as {@link
   * ExportResult#recovered()}; a second transport request is never created.
   *
   * @param request what to export
   * @return the transport request
   * @throws UnresolvedOutcomeException when the answer was lost and the queues did not settle the outcome
   * @throws CalmAmbiguousOutcomeException when an upload's answer was lost on every attempt
   * @throws CalmException when a call fails
   */
  ExportResult export(ExportRequest request);

  /**
   * {@link #export(ExportRequest)} on the client's executor.
   *
   * @param request what to export
   * @return a future completing with the transport request, or failing as {@code export} does
   */
  CompletableFuture<ExportResult> exportAsync(ExportRequest request);

  /**
   * Starts an import ({@code POST /v2/nodes/{nodeId}/transportRequests/import} or {@code importAll}); a node
   * name is resolved to its id first.
   *
   * @param request what to import
   * @return a handle on the running action
   * @throws CalmNotFoundException when a named node does not exist, or the service does not know the node or a
   *     transport request
   * @throws UnresolvedOutcomeException when the answer was lost; it carries the statuses read afterwards
   * @throws CalmException when a call fails
   */
  ImportAction importTransports(ImportRequest request);

  /**
   * Imports transport requests again, doing what each one's current status needs: reset then import, import
   * directly, or a refusal before anything is sent. See {@link RetryRequest}.
   *
   * @param request what to retry
   * @return a handle on the import action; {@link ImportAction#resetFirst()} names those reset before it
   * @throws TransportNotRetryableException when a transport request cannot be imported again from its status
   * @throws UnresolvedOutcomeException when an answer was lost and reading the statuses did not settle it
   * @throws CalmException when a call fails
   */
  ImportAction retry(RetryRequest request);

  /**
   * A handle on an existing action, to await it or read its logs.
   *
   * @param id the action id
   * @return the handle
   */
  ImportAction action(ActionId id);

  /**
   * Lists transport requests of a node's queue ({@code GET /v2/nodes/{nodeId}/transportRequests}).
   *
   * @param query the node, statuses and filters
   * @return the transport requests, in the server's order
   * @throws CalmNotFoundException when a named node does not exist or the service does not know the node
   * @throws CalmException when the call fails
   */
  List<TransportRequest> transportRequests(TransportQuery query);

  /**
   * Forwards transport requests to the follow-on nodes' queues ({@code POST .../transportRequests/forward}).
   *
   * @param request the node and transport requests
   * @throws CalmException when the call fails
   */
  void forward(TransitionRequest request);

  /**
   * Resets transport requests to {@code repeat} so they can be imported again ({@code POST
   * .../transportRequests/reset}); documented for {@code error}, {@code skipped} and {@code succeeded}. When the
   * answer is lost, the statuses are read: {@code repeat} means the reset happened; those still in their old
   * status are reset once more.
   *
   * @param request the node and transport requests
   * @throws UnresolvedOutcomeException when the answer was lost and the statuses did not settle it
   * @throws CalmException when the call fails
   */
  void reset(TransitionRequest request);

  /**
   * Removes transport requests from a node's queue ({@code POST .../transportRequests/remove}).
   *
   * @param request the node and transport requests
   * @throws CalmException when the call fails
   */
  void remove(TransitionRequest request);

  /**
   * Reads an action's log ({@code GET /v2/actions/{id}/logs}).
   *
   * @param id the action
   * @return per transport request, its messages
   * @throws CalmException when the call fails
   */
  List<ActionLog> actionLogs(ActionId id);

  /**
   * Reads a transport request's log in a node ({@code GET /v2/nodes/{nodeId}/transportRequests/{id}/logs}).
   *
   * @param node the node
   * @param id the transport request
   * @return per action on it, its messages
   * @throws CalmException when the call fails
   */
  List<TransportRequestLog> transportRequestLogs(NodeRef node, TransportRequestId id);

  /**
   * Starts watching a node's queue and reports each status change to a listener, on a thread of its own. A node
   * name is resolved before this method returns.
   *
   * @param request what to watch
   * @param listener hears the changes
   * @return the running watcher; close it to stop
   * @throws CalmNotFoundException when a named node does not exist
   * @throws CalmException when resolving the node fails
   */
  StatusWatcher statusChanges(WatchRequest request, StatusChangeListener listener);

  /**
   * Watches a node's queue as a blocking, endless stream of changes. Close the stream (try-with-resources) to stop
   * the watcher; a consumer thread that is interrupted while waiting ends the stream. Failed polls are logged and
   * polling goes on.
   *
   * <pre>{@code
   * try (Stream<StatusChange> changes = deployment.statusChangeStream(WatchRequest.of(NodeName.of("QAS")))) {
   *   changes.filter(c -> c.to().map(s -> s.kind() == TransportStatus.Kind.ERROR).orElse(false))
   *       .limit(1)
   *       .forEach(c -> alert(c.transportRequestId()));
   * }
   * }</pre>
   *
   * @param request what to watch
   * @return the stream
   * @throws CalmNotFoundException when a named node does not exist
   * @throws CalmException when resolving the node fails
   */
  Stream<StatusChange> statusChangeStream(WatchRequest request);
}
