package io.github.calmsdk.relay.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Full-jitter capped exponential backoff: attempt n waits a uniform time in [0, min(cap, base * 2^(n-1))]. */
public final class Backoff {
  private final long baseMillis;
  private final long capMillis;
  private final RandomGenerator random;

  /** A backoff. */
  public Backoff(Duration base, Duration cap, RandomGenerator random) {
    this.baseMillis = base.toMillis();
    this.capMillis = cap.toMillis();
    this.random = random;
  }

  /** The ceiling of attempt n (1-based) before jitter. */
  public long ceilingMillis(int attempt) {
    int shift = Math.min(Math.max(attempt - 1, 0), 40);
    long c = baseMillis << shift;
    return c <= 0 || c > capMillis ? capMillis : c;
  }

  /** The delay after attempt n. */
  public long delayMillis(int attempt) {
    synchronized (random) {
      return random.nextLong(ceilingMillis(attempt) + 1);
    }
  }
}
