package io.github.calmsdk.relay.internal;

import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.TransportRequestId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Settles a call whose answer was lost (or whose process died before persisting it) by reading state in Cloud
 * ALM, never by sending the call again. A read that fails throws the SDK's exception: the entry then waits for its
 * next attempt at the same step.
 *
 * <p>Today implemented by {@link QueueReading} with DeploymentClient's public reads; the deployment module's
 * lost-answer resolver ({@code deployment.resolver()}) belongs behind this interface once it is on main.
 */
public interface LostAnswers {
  /** What reading the queues said about an export's create call. */
  record ExportSettlement(TransportRequestId found, int matches, List<String> checks) {
    /** Copies the checks. */
    public ExportSettlement {
      checks = List.copyOf(checks);
    }

    /** Exactly one transport request holds the export's entries. */
    public boolean settled() {
      return matches == 1 && found != null;
    }
  }

  /** What reading the statuses said about an import or retry call. */
  record StartSettlement(boolean applied, List<String> checks) {
    /** Copies the checks. */
    public StartSettlement {
      checks = List.copyOf(checks);
    }
  }

  /**
   * Looks for the transport request an export created.
   *
   * @param export the export as stored
   * @param uris the entries sent (file ids, or references)
   * @param since the entry's submit time; references (not unique) must be in transport requests created since
   */
  ExportSettlement export(Payloads.Export export, List<String> uris, Instant since);

  /**
   * Tells whether an import or retry was applied, from the transport requests' statuses.
   *
   * @param retry true for a retry (reset then import), false for an import
   * @param node the node
   * @param ids the transport requests; empty for an import of all
   */
  StartSettlement start(boolean retry, NodeRef node, List<TransportRequestId> ids);

  /** Requires a non-null settler. */
  static LostAnswers require(LostAnswers l) {
    return Objects.requireNonNull(l, "lostAnswers");
  }
}
