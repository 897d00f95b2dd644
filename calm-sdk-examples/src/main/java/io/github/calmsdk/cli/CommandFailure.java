package io.github.calmsdk.cli;

/**
 * A failure of the SDK with a hint from the command that met it, which knows what it asked for: a 404 while
 * importing transport requests into a node that exists means a transport request id is unknown there, not that
 * the node is. It is reported as the failure itself (its type, message, exit code and JSON fields); only the hint
 * is the command's.
 */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String hint;

  CommandFailure(RuntimeException cause, String hint) {
    super(cause.getMessage(), cause, false, false);
    this.hint = hint;
  }

  /** What to do. */
  String hint() {
    return hint;
  }
}
