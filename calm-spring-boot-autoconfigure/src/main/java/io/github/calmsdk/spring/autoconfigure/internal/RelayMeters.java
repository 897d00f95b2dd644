package io.github.calmsdk.spring.autoconfigure.internal;

import io.github.calmsdk.relay.Relay;
import io.github.calmsdk.relay.RelayStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's gauges: {@code calm.relay.entries} tagged {@code state} (pending, sending, failed, unresolved) and
 * {@code calm.relay.oldest.pending} (seconds; 0 when none is pending). One store query serves every gauge read
 * within a second, so a scrape costs one query; a failing store reads as NaN.
 *
 * <pre>{@code
 * new RelayMeters(relay, System::nanoTime).bindTo(meterRegistry);
 * }</pre>
 */
public final class RelayMeters implements MeterBinder {
  private static final Logger LOG = LoggerFactory.getLogger(RelayMeters.class);
  private static final long REUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Relay relay;
  private final LongSupplier nanoTime;
  private final Object lock = new Object();
  private RelayStats stats;
  private long readAt;

  /**
   * Creates the binder.
   *
   * @param relay the relay whose store is read
   * @param nanoTime the monotonic clock that ages a reading
   */
  public RelayMeters(Relay relay, LongSupplier nanoTime) {
    this.relay = Objects.requireNonNull(relay, "relay");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    entries(registry, "pending", s -> s.pending());
    entries(registry, "sending", s -> s.sending());
    entries(registry, "failed", s -> s.failed());
    entries(registry, "unresolved", s -> s.unresolved());
    TimeGauge.builder("calm.relay.oldest.pending", this,
            TimeUnit.MILLISECONDS, m -> m.read(s -> s.oldestPendingAge().map(a -> (double) a.toMillis()).orElse(0.0)))
        .description("How long the oldest pending relay entry has waited")
        .register(registry);
  }

  private void entries(MeterRegistry registry, String state, ToDoubleFunction<RelayStats> value) {
    Gauge.builder("calm.relay.entries", this, m -> m.read(value))
        .tag("state", state)
        .description("Relay entries in the state")
        .register(registry);
  }

  private double read(ToDoubleFunction<RelayStats> value) {
    RelayStats s;
    synchronized (lock) {
      long now = nanoTime.getAsLong();
      if (stats == null || now - readAt >= REUSE_NANOS) {
        try {
          stats = relay.stats();
          readAt = now;
        } catch (RuntimeException e) {
          LOG.debug("Reading the relay's counts failed: {}", e.getMessage());
          stats = null;
          return Double.NaN;
        }
      }
      s = stats;
    }
    return value.applyAsDouble(s);
  }
}
