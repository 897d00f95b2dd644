package io.github.calmsdk.relay;

/**
 * What one pass of {@link Relay#runOnce()} did. A CLI maps it to an exit code: 0 when {@link #pending()} is 0 and
 * nothing failed, 5 when entries remain pending because Cloud ALM was unreachable or unavailable, 1 when an entry
 * failed or became unresolved in this pass (see {@link #exitCode()}).
 *
 * <pre>{@code
 * RelayRun run = relay.runOnce();
 * System.exit(run.exitCode());
 * }</pre>
 *
 * @param delivered entries delivered in this pass
 * @param failed entries that became failed in this pass
 * @param unresolved entries that became unresolved in this pass
 * @param retried entries that hit a transient error in this pass and wait for their next attempt
 * @param pending entries still pending (or sending) in the store after the pass
 */
public record RelayRun(int delivered, int failed, int unresolved, int retried, int pending) {
  /**
   * The exit code of {@code calm relay run --once}: 1 when an entry failed or became unresolved in this pass, else
   * 5 when entries remain pending, else 0.
   *
   * @return 0, 1 or 5
   */
  public int exitCode() {
    if (failed > 0 || unresolved > 0) {
      return 1;
    }
    return pending > 0 ? 5 : 0;
  }
}
