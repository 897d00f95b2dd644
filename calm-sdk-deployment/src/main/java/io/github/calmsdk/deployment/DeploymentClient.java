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
   * <p>When the export fails after an upload and before any transport request exists (a later upload failed, or
   * the service refused the create call with a 4xx), the uploaded files are deleted ({@code DELETE
   * /v2/files/{fileId}}, TMS 2.2.1) so they do not stay on the tenant's quota; a failed delete is added to the
   * export's failure as suppressed. When the outcome is unknown (a lost answer), the files are left alone.
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
   * <p>What the node cannot do is refused before anything is sent, as SAP's Cloud ALM setup guide says: every
   * import into a node controlled by SAP Solution Manager ({@link Node#controlledBy()} in {@link
   * DeploymentOptions#importRefusingControllers()}), and importing given transport requests (Import Selected)
   * into a node whose targets take content type BTP_ABAP ({@link ImportRequest#all(NodeRef)} is allowed). The
   * node's content type and control come from {@link #nodes()} (a node given by id costs that one call), or from
   * {@link DeploymentOptions.Builder#declareNode(NodeDeclaration)} where the answer says nothing.
   *
   * @param request what to import
   * @return a handle on the running action
   * @throws CalmValidationException (field {@code node}) when the node cannot take this import; nothing was sent
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
   * <p>A retry is Import Selected: it is refused before anything is sent into a BTP_ABAP node or a node
   * controlled by SAP Solution Manager, as {@link #importTransports(ImportRequest)} explains. The statuses are read
   * through TMS 2.3.1's single read when that takes no more calls (see {@link DeploymentOptions#tms231Reads()}).
   *
   * @param request what to retry
   * @return a handle on the import action; {@link ImportAction#resetFirst()} names those reset before it
   * @throws CalmValidationException (field {@code node}) when the node cannot take a selected import
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

  /**
   * Reads one transport request in a node's queue: through {@code GET /v2/nodes/{nodeId}/transportRequests/{id}}
   * (new in TMS API 2.3.1; its schema is not public, it is read as a queue element, unknown fields ignored), or by
   * listing the queue when the service does not serve it or {@link DeploymentOptions#tms231Reads()} says so. Which
   * answers mark the endpoint absent for the client's lifetime is described at {@link
   * DeploymentOptions#tms231Reads()}.
   *
   * <pre>{@code
   * Optional<TransportRequest> tr = deployment.transportRequest(NodeName.of("QAS"), TransportRequestId.of(1001));
   * }</pre>
   *
   * @param node the node
   * @param id the transport request
   * @return the transport request, empty when the node's queue does not hold it
   * @throws CalmNotFoundException when a named node does not exist or the service does not know the node
   * @throws CalmException when a call fails
   */
  Optional<TransportRequest> transportRequest(NodeRef node, TransportRequestId id);

  /**
   * Where a transport request is: its status in every queue it entered. Read through {@code GET
   * /v2/transportRequests/{id}/tracking} (new in TMS API 2.3.1; its schema is not public, see {@link
   * TransportRequestTracking}), or, when the service does not serve it, by listing every node's queue.
   *
   * <pre>{@code
   * deployment.tracking(TransportRequestId.of(1001)).queues()
   *     .forEach(q -> System.out.println(q.nodeName() + " " + q.status()));
   * }</pre>
   *
   * @param id the transport request
   * @return its statuses per queue
   * @throws CalmNotFoundException when no queue holds it
   * @throws CalmException when a call fails
   */
  TransportRequestTracking tracking(TransportRequestId id);

  /**
   * Lists the MTA extension descriptors of a node ({@code GET /v2/nodes/{nodeId}/mtaExtDescriptors}). Not in the
   * published API specification 2.2.1; Project Piper uses it.
   *
   * <pre>{@code
   * List<MtaExtDescriptor> all = deployment.mtaExtDescriptors(NodeName.of("QAS"));
   * }</pre>
   *
   * @param node the node
   * @return the descriptors
   * @throws CalmException when a call fails
   */
  List<MtaExtDescriptor> mtaExtDescriptors(NodeRef node);

  /**
   * Lists the MTA extension descriptors of a node for one MTA ({@code ?mtaId=&mtaVersion=}), as Project Piper
   * looks one up before deciding between create and update.
   *
   * <pre>{@code
   * List<MtaExtDescriptor> found = deployment.mtaExtDescriptors(NodeName.of("QAS"), "com.acme.app", "1.2.0");
   * }</pre>
   *
   * @param node the node
   * @param mtaId the MTA id the descriptor extends
   * @param mtaVersion the MTA version, {@code *}, or null for any
   * @return the descriptors
   * @throws CalmValidationException when mtaId is blank; nothing was sent
   * @throws CalmException when a call fails
   */
  List<MtaExtDescriptor> mtaExtDescriptors(NodeRef node, String mtaId, String mtaVersion);

  /**
   * Stores an MTA extension descriptor on a node ({@code POST /v2/nodes/{nodeId}/mtaExtDescriptors}, multipart,
   * 201), as Project Piper does. The call is not sent twice: when its answer is lost, list the node's descriptors
   * before sending it again.
   *
   * <pre>{@code
   * MtaExtDescriptor d = deployment.createMtaExtDescriptor(MtaExtDescriptorUpload.builder()
   *     .node(NodeName.of("QAS")).file(Path.of("qas.mtaext")).mtaVersion("1.2.0").build());
   * }</pre>
   *
   * @param upload the node, file and fields
   * @return the stored descriptor
   * @throws CalmException when the call fails (the service refuses a second descriptor for the same MTA id and
   *     version)
   */
  MtaExtDescriptor createMtaExtDescriptor(MtaExtDescriptorUpload upload);

  /**
   * Replaces an MTA extension descriptor ({@code PUT /v2/nodes/{nodeId}/mtaExtDescriptors/{id}}, multipart, 200),
   * as Project Piper does.
   *
   * <pre>{@code
   * deployment.updateMtaExtDescriptor(d.id(), MtaExtDescriptorUpload.builder()
   *     .node(NodeName.of("QAS")).file(Path.of("qas.mtaext")).mtaVersion("1.2.0").build());
   * }</pre>
   *
   * @param descriptorId the descriptor's id
   * @param upload the node, file and fields
   * @return the stored descriptor
   * @throws CalmValidationException when the id is not positive; nothing was sent
   * @throws CalmException when the call fails
   */
  MtaExtDescriptor updateMtaExtDescriptor(long descriptorId, MtaExtDescriptorUpload upload);

  /**
   * Deletes an MTA extension descriptor ({@code DELETE /v2/nodes/{nodeId}/mtaExtDescriptors/{id}}). <b>Not seen in
   * any public client or specification</b>: Project Piper only creates and updates; a service that does not offer
   * it answers with an error, passed on as a {@link CalmException}.
   *
   * <pre>{@code
   * deployment.deleteMtaExtDescriptor(NodeName.of("QAS"), d.id());
   * }</pre>
   *
   * @param node the node
   * @param descriptorId the descriptor's id
   * @throws CalmValidationException when the id is not positive; nothing was sent
   * @throws CalmException when the call fails
   */
  void deleteMtaExtDescriptor(NodeRef node, long descriptorId);
}
