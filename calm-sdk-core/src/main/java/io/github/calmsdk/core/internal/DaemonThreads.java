package io.github.calmsdk.core.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** The default executor of a client's async forms: a new named daemon thread per task; no state shared between clients. */
public final class DaemonThreads implements Executor {
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
  public void execute(Runnable command) {
    Thread t = new Thread(command, prefix + "-" + count.incrementAndGet());
    t.setDaemon(true);
    t.start();
  }

  @Override
  public String toString() {
    return "a daemon thread per task (" + prefix + ")";
  }
}
