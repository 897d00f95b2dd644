package io.github.calmsdk.deployment;

/**
 * A running watch of a node's queue: it polls on its own thread and reports each status change once. The first
 * poll is the baseline; it reports nothing unless {@link WatchRequest#emitBaseline()} is set. A failed poll is
 * reported to {@link StatusChangeListener#onError} and the watch goes on. {@link #close()} stops it promptly: it
 * interrupts the wait or the call in progress and returns once the thread has ended.
 *
 * <pre>{@code
 * try (StatusWatcher w = deployment.statusChanges(WatchRequest.of(NodeName.of("PRD_NODE")),
 *     change -> System.out.println(change))) {
 *   waitForShutdown();
 * }
 * }</pre>
 */
public interface StatusWatcher extends AutoCloseable {
  /**
   * What is watched.
   *
   * @return the request
   */
  WatchRequest request();

  /**
   * The node id being polled (resolved from a name when the watch started).
   *
   * @return the node id
   */
  NodeId node();

  /**
   * Whether the watcher's thread is still running.
   *
   * @return false once closed and ended
   */
  boolean isRunning();

  /**
   * Stops the watch and waits for its thread to end (a listener call in progress finishes first). Safe to call
   * more than once and from the listener itself (then it does not wait).
   */
  @Override
  void close();
}
