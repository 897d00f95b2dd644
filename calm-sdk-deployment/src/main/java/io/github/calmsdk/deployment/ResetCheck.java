package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of {@link OutcomeResolver#resetPending}: after a reset lost its answer, which transport requests are
 * {@code repeat} (the reset happened), which are still in their old status (it did not: reset them once more), and
 * which are neither.
 *
 * <pre>{@code
 * ResetCheck c = deployment.resolver().resetPending(NodeId.of(2), List.of(tr), Map.of(tr, TransportStatus.ERROR));
 * if (c.settled() && !c.again().isEmpty()) {
 *   deployment.reset(TransitionRequest.of(NodeId.of(2), c.again()));
 * }
 * }</pre>
 *
 * @param finding {@code FOUND} when every transport request is in the queue, {@code NOT_FOUND} when one is not,
 *     {@code UNREADABLE} when the queue could not be read; never {@code SEVERAL}
 * @param observed the statuses seen
 * @param done those now {@code repeat}: reset
 * @param again those still in the status they had before (without one: still in a status a retry resets); a
 *     reset did not reach them
 * @param unclear what fits neither, each in a few words, such as {@code 4711 is now running (was error)}
 * @param checks each read made, in order
 * @param failure the read that failed, for {@code UNREADABLE}; otherwise null
 */
public record ResetCheck(
    Finding finding,
    Map<TransportRequestId, TransportStatus> observed,
    List<TransportRequestId> done,
    List<TransportRequestId> again,
    List<String> unclear,
    List<String> checks,
    CalmException failure) {
  /** Checks and copies the values. */
  public ResetCheck {
    Objects.requireNonNull(finding, "finding");
    observed = Map.copyOf(observed);
    done = List.copyOf(done);
    again = List.copyOf(again);
    unclear = List.copyOf(unclear);
    checks = List.copyOf(checks);
  }

  /**
   * Whether the state settles the reset: the queue was read and every transport request is either done or still
   * to be reset.
   *
   * @return true when settled
   */
  public boolean settled() {
    return finding != Finding.UNREADABLE && unclear.isEmpty();
  }
}
