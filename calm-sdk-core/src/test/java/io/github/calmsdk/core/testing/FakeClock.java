package io.github.calmsdk.core.testing;

import io.github.calmsdk.core.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told, and a {@link Sleeper} that advances it instead of waiting: tests about time
 * never sleep for real. Thread-safe.
 */
public final class FakeClock extends Clock {
  private final AtomicLong nanos;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  public FakeClock(Instant start) {
    this.nanos = new AtomicLong(start.getEpochSecond() * 1_000_000_000L + start.getNano());
  }

  public FakeClock() {
    this(Instant.parse("2026-11-21T10:00:00Z"));
  }

  public void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  public void set(Instant instant) {
    nanos.set(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
  }

  /** A sleeper that records each wait and advances this clock by it. */
  public Sleeper sleeper() {
    return d -> {
      sleeps.add(d);
      advance(d);
    };
  }

  /** Every wait the sleeper was asked for, in order. */
  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    long n = nanos.get();
    return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
  }

  @Override
  public long millis() {
    return Math.floorDiv(nanos.get(), 1_000_000L);
  }
}
