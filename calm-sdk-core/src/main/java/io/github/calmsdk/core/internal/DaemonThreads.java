package io.github.calmsdk.core.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named daemon threads: the factory of status watchers' threads, and the default executor of a client's async
 * forms (a new thread per task). No state is shared between clients.
 */
public final class DaemonThreads implements ThreadFactory, Executor {
  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  /**
   * Creates the executor.
   *
   * @param prefix the thread name prefix
   */
  public DaemonThreads(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
    t.setDaemon(true);
    return t;
  }

  @Override
  public void execute(Runnable command) {
    newThread(command).start();
  }

  @Override
  public String toString() {
    return "a daemon thread per task (" + prefix + ")";
  }
}
