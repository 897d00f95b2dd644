package io.github.calmsdk.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of an import action as {@code GET /v2/actions/{id}} reports it: finished once its status is no longer
 * {@code initial} or {@code running}, with the outcome of each transport request.
 *
 * <pre>{@code
 * ImportOutcome o = action.await(Duration.ofMinutes(30));
 * if (!o.isSuccessful()) {
 *   o.transportRequests().stream()
 *       .filter(t -> !t.status().isSuccess())
 *       .forEach(t -> System.out.println(t.transportRequestId() + " ended " + t.status()));
 * }
 * }</pre>
 *
 * @param actionId the action
 * @param status the action's status
 * @param type the action type code ({@code I} for import), or null
 * @param startedAt when it started, or null
 * @param endedAt when it ended, or null while it runs
 * @param triggeredBy the technical user that started it, or null
 * @param triggeredByNamedUser the named user that started it, or null
 * @param nodeName the name of the node imported into, or null
 * @param transportRequests the outcome per transport request
 */
public record ImportOutcome(
    ActionId actionId,
    TransportStatus status,
    String type,
    Instant startedAt,
    Instant endedAt,
    String triggeredBy,
    String triggeredByNamedUser,
    String nodeName,
    List<TransportOutcome> transportRequests) {
  /** Checks the fields and copies the list. */
  public ImportOutcome {
    Objects.requireNonNull(actionId, "actionId");
    Objects.requireNonNull(status, "status");
    transportRequests = transportRequests == null ? List.of() : List.copyOf(transportRequests);
  }

  /**
   * Whether the action has finished: its status is neither {@code initial} nor {@code running}.
   *
   * @return true when finished
   */
  public boolean isFinished() {
    return !status.isInProgress();
  }

  /**
   * Whether the action finished and it and every transport request in it ended {@code succeeded}, {@code warning}
   * or {@code skipped} ({@link TransportStatus#isSuccess()}; SAP's TMS documentation says Skipped is equivalent to
   * Succeeded).
   *
   * @return true on success
   */
  public boolean isSuccessful() {
    return isFinished()
        && status.isSuccess()
        && transportRequests.stream().allMatch(t -> t.status().isSuccess());
  }

  /**
   * The outcome for one transport request.
   *
   * @param id the transport request
   * @return its outcome, empty when the action did not include it
   */
  public Optional<TransportOutcome> outcome(TransportRequestId id) {
    return transportRequests.stream().filter(t -> t.transportRequestId().equals(id)).findFirst();
  }
}
