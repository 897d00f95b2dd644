package io.github.calmsdk.testkit.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** One lock over a store's state: {@link #locked(Supplier)} runs work while holding it. */
final class Guard {
  private final ReentrantLock lock = new ReentrantLock();

  <T> T locked(Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
