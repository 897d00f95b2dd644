package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.ErrorDetails;
import java.util.Objects;

/**
 * {@link ImportAction#await(java.time.Duration)} gave up: the action was still {@code initial} or {@code running}
 * when the wait ended. The import goes on in the service; await again or look at it later.
 *
 * <pre>{@code
 * try {
 *   action.await(Duration.ofMinutes(10));
 * } catch (ImportStillRunningException e) {
 *   System.out.println("still " + e.lastSeen().status() + "; check action " + e.lastSeen().actionId() + " later");
 * }
 * }</pre>
 */
public class ImportStillRunningException extends CalmTimeoutException {
  private static final long serialVersionUID = 1L;

  private final transient ImportOutcome lastSeen;

  /**
   * Creates the exception.
   *
   * @param summary what was waited for and for how long
   * @param lastSeen the action's state at the last poll
   */
  public ImportStillRunningException(String summary, ImportOutcome lastSeen) {
    super(summary, ErrorDetails.none(), null);
    this.lastSeen = Objects.requireNonNull(lastSeen, "lastSeen");
  }

  /**
   * The action's state at the last poll.
   *
   * @return the state
   */
  public ImportOutcome lastSeen() {
    return lastSeen;
  }
}
