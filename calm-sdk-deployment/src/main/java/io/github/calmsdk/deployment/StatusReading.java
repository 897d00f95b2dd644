package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of {@link OutcomeResolver#readStatuses}: the statuses of transport requests in a node's queue after an
 * import (or another transition) lost its answer, compared with what they were before.
 *
 * <p>An import runs asynchronously: a status still unchanged does not prove that the import was not accepted.
 * {@link #importEvidence()} is true only when something shows it was: a status that changed (or is running), or an
 * import action in a transport request's log since the call was sent.
 *
 * <pre>{@code
 * StatusReading r = deployment.resolver().readStatuses(NodeId.of(2), List.of(tr), Map.of());
 * if (r.importEvidence()) {
 *   System.out.println("the import was accepted: " + r.summary());
 * }
 * }</pre>
 *
 * @param finding {@code FOUND} when every transport request asked for is in the queue, {@code NOT_FOUND} when one
 *     is not, {@code UNREADABLE} when the queue (or a log) could not be read; never {@code SEVERAL}
 * @param observed the statuses seen: of those asked for, or (when none was named) the running ones of the queue
 * @param missing those asked for that are not in the queue
 * @param changed those whose status changed: running, or not what it was before (without a previous status: no
 *     longer importable)
 * @param unchanged those still in the status they had (without a previous status: still importable)
 * @param importActions import actions ({@code actionType I}) found in the transport requests' logs since the call
 *     was sent (less the configured clock skew), distinct; empty when the logs were not read
 * @param importLogged whether a log shows an import action since the call was sent, including one without an id
 *     or a start time (which cannot be placed in time, so counts as evidence rather than absence)
 * @param summary the statuses in a few words, such as {@code 4711 running (changed), 4712 initial (unchanged)}
 * @param checks each read made, in order
 * @param failure the read that failed, for {@code UNREADABLE}; otherwise null
 */
public record StatusReading(
    Finding finding,
    Map<TransportRequestId, TransportStatus> observed,
    List<TransportRequestId> missing,
    List<TransportRequestId> changed,
    List<TransportRequestId> unchanged,
    List<ActionId> importActions,
    boolean importLogged,
    String summary,
    List<String> checks,
    CalmException failure) {
  /** Checks and copies the values. */
  public StatusReading {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(summary, "summary");
    observed = Map.copyOf(observed);
    missing = List.copyOf(missing);
    changed = List.copyOf(changed);
    unchanged = List.copyOf(unchanged);
    importActions = List.copyOf(importActions);
    checks = List.copyOf(checks);
  }

  /**
   * Whether the state shows that an import was accepted: a changed status or an import action in a log.
   *
   * @return true when there is evidence
   */
  public boolean importEvidence() {
    return !changed.isEmpty() || importLogged;
  }
}
