package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmValidationException;
import java.util.Objects;
import java.util.Optional;

/**
 * A retry was refused before anything was sent, because a transport request is in a state from which it cannot be
 * imported again: {@code running}, {@code deleted}, archived, not in the node's queue, or a status this SDK does not
 * know. The message names every refused transport request and its status; this exception carries the first.
 *
 * <pre>{@code
 * try {
 *   deployment.retry(RetryRequest.of(node, tr));
 * } catch (TransportNotRetryableException e) {
 *   System.err.println(e.transportRequestId() + " is " + e.transportStatus().map(TransportStatus::value).orElse("missing"));
 * }
 * }</pre>
 */
public class TransportNotRetryableException extends CalmValidationException {
  private static final long serialVersionUID = 1L;

  private final transient TransportRequestId transportRequestId;
  private final transient TransportStatus status;
  private final boolean archived;

  /**
   * Creates the exception.
   *
   * @param transportRequestId the first refused transport request
   * @param status its status, or null when it is not in the queue
   * @param archived whether it is archived
   * @param problem every refused transport request with its status, and what to do
   */
  public TransportNotRetryableException(
      TransportRequestId transportRequestId, TransportStatus status, boolean archived, String problem) {
    super("transportRequests", problem);
    this.transportRequestId = Objects.requireNonNull(transportRequestId, "transportRequestId");
    this.status = status;
    this.archived = archived;
  }

  /**
   * The first refused transport request.
   *
   * @return its id
   */
  public TransportRequestId transportRequestId() {
    return transportRequestId;
  }

  /**
   * Its status in the node's queue.
   *
   * @return the status, empty when it is not in the queue
   */
  public Optional<TransportStatus> transportStatus() {
    return Optional.ofNullable(status);
  }

  /**
   * Whether it is archived (its content is gone, so it can be neither imported nor forwarded).
   *
   * @return true when archived
   */
  public boolean archived() {
    return archived;
  }
}
