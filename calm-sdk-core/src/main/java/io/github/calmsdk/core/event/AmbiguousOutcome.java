package io.github.calmsdk.core.event;

import java.util.List;
import java.util.Objects;

/**
 * A state-changing call's answer was lost or unclear (a lost connection, a timeout, a 5xx, an unreadable 2xx), and
 * the SDK settled it by reading the server's state, or could not.
 *
 * <pre>{@code
 * public void ambiguousOutcome(AmbiguousOutcome e) {
 *   ambiguous.increment(e.operation(), e.resolution().name());
 * }
 * }</pre>
 *
 * @param operation the operation, such as {@code transport.export}
 * @param requestId the request id of the call whose answer was lost, or null when unknown
 * @param resolution how it was settled
 * @param checks what was read to settle it, in order (paths and what they showed; no secrets)
 */
public record AmbiguousOutcome(
    String operation, String requestId, Resolution resolution, List<String> checks) {
  /** Checks and copies the values. */
  public AmbiguousOutcome {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(resolution, "resolution");
    checks = List.copyOf(checks);
  }

  /** What reading the state showed. */
  public enum Resolution {
    /** The call had taken effect; its result was recovered from the server's state. */
    APPLIED,
    /** The call had not taken effect, and was sent again. */
    NOT_APPLIED_RESENT,
    /** The state could not settle it; the caller receives an unresolved-outcome exception. */
    UNRESOLVED
  }
}
