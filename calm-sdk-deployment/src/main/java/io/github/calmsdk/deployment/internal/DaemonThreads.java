package io.github.calmsdk.deployment.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The default threads of a deployment client: named daemon threads, one per task. No state is shared between clients. */
public final class DaemonThreads implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  /**
   * Creates a factory.
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

  /**
   * An executor that starts a new thread from a factory for each task.
   *
   * @param factory the factory
   * @return the executor
   */
  public static Executor threadPerTask(ThreadFactory factory) {
    return command -> factory.newThread(command).start();
  }
}
