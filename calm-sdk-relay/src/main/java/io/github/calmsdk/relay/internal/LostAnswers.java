package io.github.calmsdk.relay.internal;

import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.TransportRequestId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Settles a call whose answer was lost (or whose process died before persisting it) by reading state in Cloud
 * ALM, never by sending the call again. Implemented by {@link ResolverAnswers} over the deployment client's one
 * lost-answer resolver ({@code deployment.resolver()}); tests may put another one in. A read that fails throws the
 * SDK's exception: the entry then waits for its next attempt at the same step.
 */
public interface LostAnswers {
  /** What reading the queues said about an export's create call. */
  record ExportSettlement(TransportRequestId found, int matches, String summary, List<String> checks) {
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
  record StartSettlement(boolean applied, String summary, List<String> checks) {
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
   * @param sentAt no later than the create call was sent (the search starts the resolver's recovery window
   *     before it)
   */
  ExportSettlement export(Payloads.Export export, List<String> uris, Instant sentAt);

  /**
   * Tells whether an import or retry was applied, from the transport requests' statuses and logs.
   *
   * @param retry true for a retry (reset then import), false for an import
   * @param node the node
   * @param ids the transport requests; empty for an import of all
   * @param sentAt no later than the call was sent; import actions logged since then (less the clock skew) are
   *     evidence
   */
  StartSettlement start(boolean retry, NodeRef node, List<TransportRequestId> ids, Instant sentAt);

  /** Requires a non-null settler. */
  static LostAnswers require(LostAnswers l) {
    return Objects.requireNonNull(l, "lostAnswers");
  }
}
