package io.github.calmsdk.features.internal;

import io.github.calmsdk.core.error.CalmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A code list read from the server and kept for a time. One load at a time however many threads ask (a lock from
 * java.util.concurrent, not {@code synchronized}, so a virtual thread waiting on the load does not pin its
 * carrier); readers of a fresh list never wait. When a reload after expiry fails, the older list is served and a
 * warning logged; an explicit {@link #refresh()} reports the failure.
 *
 * @param <T> the entry type
 */
public final class CodeListCache<T> {
  private static final Logger LOG = LoggerFactory.getLogger(CodeListCache.class);

  private final String name;
  private final Supplier<List<T>> loader;
  private final Clock clock;
  private final Duration ttl;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Snapshot<T> snapshot;

  private record Snapshot<T>(List<T> values, Instant loadedAt) {}

  /**
   * Creates an empty cache.
   *
   * @param name the list's name, for log lines
   * @param loader reads the list from the server
   * @param clock the clock the time to live is measured on
   * @param ttl how long a list is fresh; zero reads it on every use
   */
  public CodeListCache(String name, Supplier<List<T>> loader, Clock clock, Duration ttl) {
    this.name = Objects.requireNonNull(name, "name");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
  }

  /**
   * The list: the cached one while fresh, otherwise read again.
   *
   * @return the list
   * @throws CalmException when there is no list yet and reading it fails
   */
  public List<T> get() {
    Snapshot<T> s = snapshot;
    if (isFresh(s)) {
      return s.values();
    }
    lock.lock();
    try {
      s = snapshot;
      if (isFresh(s)) {
        return s.values();
      }
      try {
        return load();
      } catch (CalmException e) {
        if (s == null) {
          throw e;
        }
        LOG.warn(
            "could not read {} again, using the list read at {}: {}", name, s.loadedAt(), e.getMessage());
        return s.values();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Reads the list now and caches it.
   *
   * @return the new list
   * @throws CalmException when reading it fails; the cached list is kept
   */
  public List<T> refresh() {
    lock.lock();
    try {
      return load();
    } finally {
      lock.unlock();
    }
  }

  private List<T> load() {
    List<T> values = List.copyOf(loader.get());
    snapshot = new Snapshot<>(values, clock.instant());
    return values;
  }

  private boolean isFresh(Snapshot<T> s) {
    return s != null && !ttl.isZero() && clock.instant().isBefore(s.loadedAt().plus(ttl));
  }
}
