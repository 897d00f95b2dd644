package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmException;

/**
 * Hears the changes a {@link StatusWatcher} sees. Called on the watcher's thread, one call at a time, in the order
 * the changes were seen; a listener that throws is logged and the watcher carries on.
 *
 * <pre>{@code
 * StatusChangeListener listener = new StatusChangeListener() {
 *   public void onChange(StatusChange c) { System.out.println(c); }
 *   public void onError(CalmException e) { System.err.println("poll failed, trying again: " + e.getMessage()); }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface StatusChangeListener {
  /**
   * One transport request changed status.
   *
   * @param change the change
   */
  void onChange(StatusChange change);

  /**
   * A poll failed; the watcher polls again after its interval. Does nothing by default (the watcher logs the
   * failure at WARN).
   *
   * @param error the failure
   */
  default void onError(CalmException error) {}
}
