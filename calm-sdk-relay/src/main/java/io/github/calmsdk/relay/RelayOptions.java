package io.github.calmsdk.relay;

import io.github.calmsdk.core.error.CalmValidationException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How the relay dispatches: package size, interval, backoff, give-up rules, lease and spool.
 *
 * <pre>{@code
 * RelayOptions options = RelayOptions.builder()
 *     .packageSize(20)
 *     .interval(Duration.ofMinutes(5))
 *     .maxAttempts(50)
 *     .spoolDirectory(Path.of("/var/lib/calm-relay/spool"))
 *     .build();
 * }</pre>
 *
 * @param packageSize how many entries one pass claims at most; default 50
 * @param interval the time between passes of {@link Relay#run()}; default 5 minutes, like ATO's collector jobs
 * @param sendAtOnce whether a submit wakes the dispatcher at once instead of waiting for the interval
 * @param backoffBase the first backoff: attempt n waits a random time in [0, min(cap, base * 2^(n-1))]; default 30 s
 * @param backoffCap the longest backoff; default 30 minutes
 * @param maxAttempts attempts after which an entry becomes failed; default 20
 * @param maxAge age after which an entry that cannot be sent becomes failed; default 7 days
 * @param lease how long a claim holds an entry before another node may take it over; on PostgreSQL it runs on the
 *     database's clock. Keep it longer than the longest call (an upload). Default 10 minutes
 * @param spoolDirectory where exported files are copied at submit, or null for the store's default (next to a
 *     SQLite file, else {@code calm-relay-spool} in the working directory)
 * @param owner the name of this relay node in claims, or null for host name, process id and a random suffix
 * @param clock the clock of backoff and ages (and of SQLite leases); default UTC
 * @param random the jitter source; default a fresh random generator
 */
public record RelayOptions(
    int packageSize,
    Duration interval,
    boolean sendAtOnce,
    Duration backoffBase,
    Duration backoffCap,
    int maxAttempts,
    Duration maxAge,
    Duration lease,
    Path spoolDirectory,
    String owner,
    Clock clock,
    RandomGenerator random) {
  /**
   * Checks every setting.
   *
   * @throws CalmValidationException naming the setting that is out of range
   */
  public RelayOptions {
    if (packageSize < 1) {
      throw new CalmValidationException("packageSize", "must be at least 1, was " + packageSize);
    }
    positive("interval", interval);
    positive("backoffBase", backoffBase);
    positive("backoffCap", backoffCap);
    if (backoffCap.compareTo(backoffBase) < 0) {
      throw new CalmValidationException("backoffCap", "is shorter than backoffBase; raise it to at least " + backoffBase);
    }
    if (maxAttempts < 1) {
      throw new CalmValidationException("maxAttempts", "must be at least 1, was " + maxAttempts);
    }
    positive("maxAge", maxAge);
    if (lease == null || lease.isNegative()) {
      throw new CalmValidationException("lease", "must be zero or positive; pass e.g. Duration.ofMinutes(10)");
    }
    if (owner != null && (owner.isBlank() || owner.length() > 100)) {
      throw new CalmValidationException("owner", "must be 1 to 100 characters, or unset");
    }
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
  }

  private static void positive(String field, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new CalmValidationException(field, "must be a positive duration, was " + d);
    }
  }

  /**
   * The defaults.
   *
   * @return the defaults
   */
  public static RelayOptions defaults() {
    return builder().build();
  }

  /**
   * A builder with the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these settings.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.packageSize = packageSize;
    b.interval = interval;
    b.sendAtOnce = sendAtOnce;
    b.backoffBase = backoffBase;
    b.backoffCap = backoffCap;
    b.maxAttempts = maxAttempts;
    b.maxAge = maxAge;
    b.lease = lease;
    b.spoolDirectory = spoolDirectory;
    b.owner = owner;
    b.clock = clock;
    b.random = random;
    return b;
  }

  /**
   * Builds {@link RelayOptions}.
   *
   * <pre>{@code
   * RelayOptions o = RelayOptions.builder().sendAtOnce(true).packageSize(10).build();
   * }</pre>
   */
  public static final class Builder {
    private int packageSize = 50;
    private Duration interval = Duration.ofMinutes(5);
    private boolean sendAtOnce;
    private Duration backoffBase = Duration.ofSeconds(30);
    private Duration backoffCap = Duration.ofMinutes(30);
    private int maxAttempts = 20;
    private Duration maxAge = Duration.ofDays(7);
    private Duration lease = Duration.ofMinutes(10);
    private Path spoolDirectory;
    private String owner;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random;

    private Builder() {}

    /**
     * Sets the package size.
     *
     * @param n at least 1
     * @return this builder
     */
    public Builder packageSize(int n) {
      this.packageSize = n;
      return this;
    }

    /**
     * Sets the interval between passes.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder interval(Duration interval) {
      this.interval = interval;
      return this;
    }

    /**
     * Wakes the dispatcher at every submit.
     *
     * @param atOnce true for low latency
     * @return this builder
     */
    public Builder sendAtOnce(boolean atOnce) {
      this.sendAtOnce = atOnce;
      return this;
    }

    /**
     * Sets the backoff's base and cap.
     *
     * @param base the first backoff
     * @param cap the longest backoff
     * @return this builder
     */
    public Builder backoff(Duration base, Duration cap) {
      this.backoffBase = base;
      this.backoffCap = cap;
      return this;
    }

    /**
     * Sets the attempts after which an entry fails.
     *
     * @param n at least 1
     * @return this builder
     */
    public Builder maxAttempts(int n) {
      this.maxAttempts = n;
      return this;
    }

    /**
     * Sets the age after which an entry fails.
     *
     * @param age a positive duration
     * @return this builder
     */
    public Builder maxAge(Duration age) {
      this.maxAge = age;
      return this;
    }

    /**
     * Sets the lease of a claim.
     *
     * @param lease zero or positive; longer than the longest call
     * @return this builder
     */
    public Builder lease(Duration lease) {
      this.lease = lease;
      return this;
    }

    /**
     * Sets the spool directory.
     *
     * @param dir the directory, created when absent
     * @return this builder
     */
    public Builder spoolDirectory(Path dir) {
      this.spoolDirectory = dir;
      return this;
    }

    /**
     * Sets this node's name in claims.
     *
     * @param owner 1 to 100 characters
     * @return this builder
     */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /**
     * Sets the clock.
     *
     * @param clock the clock, a fake one in tests
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the jitter source.
     *
     * @param random the generator, a seeded one in tests
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      this.random = random;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws CalmValidationException naming a setting out of range
     */
    public RelayOptions build() {
      return new RelayOptions(
          packageSize, interval, sendAtOnce, backoffBase, backoffCap, maxAttempts, maxAge, lease, spoolDirectory,
          owner, clock, random != null ? random : new java.util.SplittableRandom());
    }
  }
}
