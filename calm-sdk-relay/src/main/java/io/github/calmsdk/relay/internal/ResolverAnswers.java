package io.github.calmsdk.relay.internal;

import io.github.calmsdk.deployment.ExportLookup;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.Finding;
import io.github.calmsdk.deployment.LostExport;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.OutcomeResolver;
import io.github.calmsdk.deployment.StatusReading;
import io.github.calmsdk.deployment.StorageType;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Settles lost answers with the deployment client's lost-answer resolver ({@code deployment.resolver()}), the same
 * one the client uses itself, and maps its findings to the relay's settlements:
 *
 * <ul>
 *   <li>Export: {@link OutcomeResolver#findExport} (file ids are unique; references must carry the description and
 *       be recent). Found once: delivered. Not found or several: not settled. Unreadable: the read failure is
 *       thrown, so the entry waits at the same step.
 *   <li>Import: {@link OutcomeResolver#readStatuses} with the transport requests' logs since the call was sent;
 *       the resolver's import evidence (a status that left the importable ones, or an import action logged) means
 *       applied. An import of all reads the running ones.
 *   <li>Retry: the status before the reset is not known here, and an {@code error} status reads the same before
 *       and after a retry that failed again, so only an import action logged since the retry was sent, or every
 *       transport request running, counts as applied.
 * </ul>
 */
public final class ResolverAnswers implements LostAnswers {
  private final OutcomeResolver resolver;

  /**
   * Settles through a resolver.
   *
   * @param resolver the deployment client's {@code resolver()}
   */
  public ResolverAnswers(OutcomeResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public ExportSettlement export(Payloads.Export export, List<String> uris, Instant sentAt) {
    NodeName node = NodeName.of(export.node());
    LostExport lost = export.storageType().equals(StorageType.FILE)
        ? new LostExport(node, export.mode(), StorageType.FILE, uris, export.description(), sentAt)
        : LostExport.ofReferences(node, export.mode(), uris, export.description(), sentAt);
    ExportLookup look = resolver.findExport(lost);
    if (look.finding() == Finding.UNREADABLE && look.failure() != null) {
      throw look.failure();
    }
    TransportRequestId found = look.found().map(ExportResult::transportRequestId).orElse(null);
    return new ExportSettlement(found, look.matches().size(), look.summary(), look.checks());
  }

  @Override
  public StartSettlement start(boolean retry, NodeRef node, List<TransportRequestId> ids, Instant sentAt) {
    StatusReading r = ids.isEmpty()
        ? resolver.readStatuses(node, List.of(), Map.of())
        : resolver.readStatuses(node, ids, Map.of(), sentAt);
    if (r.finding() == Finding.UNREADABLE && r.failure() != null) {
      throw r.failure();
    }
    boolean applied;
    if (!retry || ids.isEmpty()) {
      applied = r.importEvidence();
    } else {
      applied = r.importLogged() || (r.missing().isEmpty() && !r.observed().isEmpty()
          && r.observed().values().stream().allMatch(s -> s.kind() == TransportStatus.Kind.RUNNING));
    }
    return new StartSettlement(applied, r.summary(), r.checks());
  }
}
