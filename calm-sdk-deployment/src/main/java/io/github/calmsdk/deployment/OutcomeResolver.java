package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmValidationException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Settles a state-changing call whose answer was lost, by reading the server's state: finds the transport request a
 * lost export created, reads the statuses after a lost import or reset, and tells which transport requests still
 * need a reset. The deployment client uses it itself; it is public so that a caller holding only persisted data (a
 * file id, a transport request id, the instant a call was sent) can settle an outcome later, for example after a
 * process restart. It only reads and never sends a state-changing call. Failed reads are answered as {@link
 * Finding#UNREADABLE}, never thrown.
 *
 * <pre>{@code
 * OutcomeResolver resolver = deployment.resolver();
 * ExportLookup look = resolver.findExport(
 *     LostExport.ofFiles(NodeName.of("DEV_NODE"), ExportMode.EXPORT, List.of(fileId), sentAt));
 * StatusReading r = resolver.readStatuses(NodeId.of(2), List.of(TransportRequestId.of(4711)), Map.of());
 * }</pre>
 */
public interface OutcomeResolver {
  /**
   * Searches the queues where a lost export's transport request must be: the node's own queue for {@link
   * ExportMode#UPLOAD_ONLY}; for {@link ExportMode#EXPORT} the follow-on nodes' queues (from {@code GET
   * /v2/routes}, unless switched off), or every other node's. A transport request matches when it holds every
   * entry; a file id is unique, while references must also carry the same description and be created after {@code
   * sentAt} less {@link DeploymentOptions#recoveryWindow()}. Costs {@code GET /v2/nodes}, {@code GET /v2/routes}
   * (for EXPORT) and one listing per candidate node.
   *
   * @param export what is known of the lost export
   * @return found, not found, several, or unreadable, with the checks made
   * @throws CalmValidationException when export is null
   */
  ExportLookup findExport(LostExport export);

  /**
   * Reads the statuses of transport requests in a node's queue (one listing) and compares them with what they
   * were. With no ids, reports the queue's running transport requests (for an import of all).
   *
   * @param node the node; a name costs one {@code GET /v2/nodes}
   * @param ids the transport requests, possibly empty
   * @param before their statuses before the call, possibly empty (then an importable status counts as unchanged)
   * @return the statuses, with the checks made
   * @throws CalmValidationException when node, ids or before is null
   */
  StatusReading readStatuses(
      NodeRef node, Collection<TransportRequestId> ids, Map<TransportRequestId, TransportStatus> before);

  /**
   * {@link #readStatuses(NodeRef, Collection, Map)}, and also each transport request's log ({@code GET
   * .../transportRequests/{id}/logs}) for an import action started since {@code importSentAt} (less {@link
   * DeploymentOptions#clockSkew()}), which shows that a lost import was accepted even while the statuses are
   * unchanged. Costs one listing plus one log read per transport request.
   *
   * @param node the node
   * @param ids the transport requests, at least one
   * @param before their statuses before the import, possibly empty
   * @param importSentAt when the import was sent, on the client's clock
   * @return the statuses and the import actions found, with the checks made
   * @throws CalmValidationException when a value is missing or ids is empty
   */
  StatusReading readStatuses(
      NodeRef node,
      Collection<TransportRequestId> ids,
      Map<TransportRequestId, TransportStatus> before,
      Instant importSentAt);

  /**
   * After a reset lost its answer: reads the statuses (one listing) and tells which transport requests are now
   * {@code repeat}, which are unchanged and still need the reset, and which are neither.
   *
   * @param node the node
   * @param ids the transport requests the reset was sent for, at least one
   * @param before their statuses before the reset, possibly empty (then a status a retry resets counts as
   *     unchanged)
   * @return the check, with the reads made
   * @throws CalmValidationException when a value is missing or ids is empty
   */
  ResetCheck resetPending(
      NodeRef node, Collection<TransportRequestId> ids, Map<TransportRequestId, TransportStatus> before);
}
