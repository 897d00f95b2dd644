package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.ErrorDetails;
import java.util.List;
import java.util.Map;

/**
 * The answer to a state-changing call (export, import, reset) was lost, and reading the server's state did not
 * settle whether it took effect. Nothing was sent again. {@link #checks()} says what was read and {@link #observed()}
 * what was seen; decide from those (or look again later) before repeating the call, to avoid a duplicate.
 *
 * <pre>{@code
 * try {
 *   deployment.importTransports(ImportRequest.of(node, tr));
 * } catch (UnresolvedOutcomeException e) {
 *   log.warn("import may have started: {} saw {}", e.checks(), e.observed());
 * }
 * }</pre>
 */
public class UnresolvedOutcomeException extends CalmAmbiguousOutcomeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> checks;
  private final transient Map<TransportRequestId, TransportStatus> observed;

  /**
   * Creates the exception.
   *
   * @param summary what may or may not have happened, what was checked and what to do
   * @param details what is known about the lost exchange
   * @param checks each read made to settle the outcome, in order
   * @param observed the statuses seen, by transport request
   * @param cause the ambiguous failure
   */
  public UnresolvedOutcomeException(
      String summary,
      ErrorDetails details,
      List<String> checks,
      Map<TransportRequestId, TransportStatus> observed,
      Throwable cause) {
    super(summary, details, cause);
    this.checks = List.copyOf(checks);
    this.observed = Map.copyOf(observed);
  }

  /**
   * What was read to settle the outcome, in order, such as {@code "GET /v2/nodes/2/transportRequests: no match"}.
   *
   * @return the checks
   */
  public List<String> checks() {
    return checks == null ? List.of() : checks;
  }

  /**
   * The statuses seen while checking.
   *
   * @return the statuses by transport request, possibly empty
   */
  public Map<TransportRequestId, TransportStatus> observed() {
    return observed == null ? Map.of() : observed;
  }
}
