package io.github.calmsdk.core.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/** A thread-safe {@link RandomGenerator} that draws from the calling thread's {@link ThreadLocalRandom}. */
public final class ThreadLocalRandomGenerator implements RandomGenerator {
  @Override
  public long nextLong() {
    return ThreadLocalRandom.current().nextLong();
  }

  @Override
  public long nextLong(long bound) {
    return ThreadLocalRandom.current().nextLong(bound);
  }
}
