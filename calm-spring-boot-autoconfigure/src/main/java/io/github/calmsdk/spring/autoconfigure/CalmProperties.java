package io.github.calmsdk.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code calm.*} settings of the auto-configured {@link io.github.calmsdk.client.CalmClient}, its health
 * indicator and its relay. Every setting but {@code calm.service-key} has a default.
 *
 * <pre>{@code
 * # application.properties
 * calm.service-key=CALM_SERVICE_KEY          # a file path, the JSON itself, or an environment variable's name
 * calm.call-timeout=2m
 * calm.retry.max-retries=5
 * calm.health.cache-ttl=1m
 * calm.relay.enabled=true                    # with calm-sdk-relay on the class path
 * }</pre>
 */
@ConfigurationProperties("calm")
public class CalmProperties {
  /**
   * The Cloud ALM service key: the path of its JSON file, the JSON itself (starting with '{'), or the name of an
   * environment variable holding either. Required unless the application defines its own CalmClient.
   */
  private String serviceKey;

  /**
   * A Cloud Transport Management (CTMS) service key for the transport operations, next to a Cloud ALM service key:
   * a file path, the JSON itself, or the name of an environment variable holding either. Unset: the transport
   * operations use calm.service-key.
   */
  private String transportKey;

  /** How long to wait for a connection to Cloud ALM. */
  private Duration connectTimeout = Duration.ofSeconds(10);

  /** How long one HTTP attempt may take. */
  private Duration attemptTimeout = Duration.ofSeconds(60);

  /** How long one call may take, all its retries included. */
  private Duration callTimeout = Duration.ofMinutes(3);

  private final Retry retry = new Retry();

  private final Health health = new Health();

  private final Relay relay = new Relay();

  /**
   * The service key setting.
   *
   * @return a file path, the JSON, or an environment variable's name; null when unset
   */
  public String getServiceKey() {
    return serviceKey;
  }

  /**
   * Sets the service key setting.
   *
   * @param serviceKey a file path, the JSON, or an environment variable's name
   */
  public void setServiceKey(String serviceKey) {
    this.serviceKey = serviceKey;
  }

  /**
   * The transport key setting.
   *
   * @return a file path, the JSON, or an environment variable's name; null when unset
   */
  public String getTransportKey() {
    return transportKey;
  }

  /**
   * Sets the transport key setting.
   *
   * @param transportKey a file path, the JSON, or an environment variable's name
   */
  public void setTransportKey(String transportKey) {
    this.transportKey = transportKey;
  }

  /**
   * The connect timeout.
   *
   * @return the timeout
   */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets the connect timeout.
   *
   * @param connectTimeout a positive duration
   */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /**
   * The timeout of one attempt.
   *
   * @return the timeout
   */
  public Duration getAttemptTimeout() {
    return attemptTimeout;
  }

  /**
   * Sets the timeout of one attempt.
   *
   * @param attemptTimeout a positive duration
   */
  public void setAttemptTimeout(Duration attemptTimeout) {
    this.attemptTimeout = attemptTimeout;
  }

  /**
   * The timeout of one call, retries included.
   *
   * @return the timeout
   */
  public Duration getCallTimeout() {
    return callTimeout;
  }

  /**
   * Sets the timeout of one call, retries included.
   *
   * @param callTimeout a positive duration
   */
  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  /**
   * The retry settings.
   *
   * @return the retry settings
   */
  public Retry getRetry() {
    return retry;
  }

  /**
   * The health indicator settings.
   *
   * @return the health settings
   */
  public Health getHealth() {
    return health;
  }

  /**
   * The relay settings.
   *
   * @return the relay settings
   */
  public Relay getRelay() {
    return relay;
  }

  /**
   * The {@code calm.retry.*} settings: how often a failed call is retried and how long the client waits in
   * between (full jitter between 0 and an exponentially growing ceiling).
   *
   * <pre>{@code
   * calm.retry.max-retries=5
   * calm.retry.backoff-cap=30s
   * }</pre>
   */
  public static class Retry {
    /** Retries after the first attempt; 0 disables retries. */
    private int maxRetries = 3;

    /** The first backoff ceiling. */
    private Duration backoffBase = Duration.ofMillis(200);

    /** The largest backoff ceiling. */
    private Duration backoffCap = Duration.ofSeconds(20);

    /** Creates the defaults. */
    public Retry() {}

    /**
     * The retries after the first attempt.
     *
     * @return 0 or more
     */
    public int getMaxRetries() {
      return maxRetries;
    }

    /**
     * Sets the retries after the first attempt.
     *
     * @param maxRetries 0 or more
     */
    public void setMaxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
    }

    /**
     * The first backoff ceiling.
     *
     * @return the duration
     */
    public Duration getBackoffBase() {
      return backoffBase;
    }

    /**
     * Sets the first backoff ceiling.
     *
     * @param backoffBase a positive duration
     */
    public void setBackoffBase(Duration backoffBase) {
      this.backoffBase = backoffBase;
    }

    /**
     * The largest backoff ceiling.
     *
     * @return the duration
     */
    public Duration getBackoffCap() {
      return backoffCap;
    }

    /**
     * Sets the largest backoff ceiling.
     *
     * @param backoffCap a positive duration, at least the base
     */
    public void setBackoffCap(Duration backoffCap) {
      this.backoffCap = backoffCap;
    }
  }

  /**
   * The {@code calm.health.*} settings of the {@code calm} health indicator.
   *
   * <pre>{@code
   * calm.health.cache-ttl=5m
   * calm.health.timeout=5s
   * management.health.calm.enabled=false   # switches the indicator off
   * }</pre>
   */
  public static class Health {
    /**
     * How long a health result is reused: the token check and the probes run at most once per this time, however
     * often the health endpoint is read.
     */
    private Duration cacheTtl = Duration.ofSeconds(60);

    /**
     * How long a read of the health endpoint waits for the check. The check runs once for all readers; when it has
     * not finished in this time, the indicator reads DOWN ("timed out after ...") while the check goes on.
     */
    private Duration timeout = Duration.ofSeconds(10);

    /** Creates the defaults. */
    public Health() {}

    /**
     * How long a read waits for the check.
     *
     * @return the duration
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets how long a read waits for the check.
     *
     * @param timeout a positive duration
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    /**
     * How long a result is reused.
     *
     * @return the duration
     */
    public Duration getCacheTtl() {
      return cacheTtl;
    }

    /**
     * Sets how long a result is reused.
     *
     * @param cacheTtl zero or positive; zero checks at every read
     */
    public void setCacheTtl(Duration cacheTtl) {
      this.cacheTtl = cacheTtl;
    }
  }

  /**
   * The {@code calm.relay.*} settings: the durable outbox of calm-sdk-relay, started and stopped with the
   * application context. The defaults are those of {@code RelayOptions.defaults()}.
   *
   * <pre>{@code
   * calm.relay.enabled=true
   * calm.relay.store=/var/lib/app/calm-relay.db     # or jdbc:postgresql://db/calm; unset: the app's DataSource
   * calm.relay.interval=1m
   * calm.relay.package-size=20
   * }</pre>
   */
  public static class Relay {
    /**
     * Whether to run the relay (calm-sdk-relay must be on the class path). Off by default: the relay creates tables
     * in the application's database, or a file, and sends calls from a thread of its own, which adding a jar
     * should not start unasked.
     */
    private boolean enabled;

    /**
     * Where the relay keeps its outbox: a SQLite file path or a jdbc:postgresql:// URL (user and password from the
     * URL or PGUSER/PGPASSWORD). Unset: the application's DataSource when there is exactly one, else the file
     * calm-relay.db in the working directory.
     */
    private String store;

    /** How often the relay sends the entries that are due. */
    private Duration interval = Duration.ofMinutes(5);

    /** How many entries one pass claims at once. */
    private int packageSize = 50;

    /** Whether submitting an entry starts a pass at once instead of waiting for the interval. */
    private boolean sendAtOnce;

    /** After this many attempts an entry is failed. */
    private int maxAttempts = 20;

    /** An entry older than this is failed. */
    private Duration maxAge = Duration.ofDays(7);

    /**
     * Where exported files are copied until they are uploaded. Unset: FILE.spool next to a SQLite file, else
     * calm-relay-spool in the working directory.
     */
    private Path spoolDirectory;

    /** Creates the defaults. */
    public Relay() {}

    /**
     * Whether the relay runs.
     *
     * @return true when enabled
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the relay runs.
     *
     * @param enabled true to run it
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The store location.
     *
     * @return a file path or a PostgreSQL JDBC URL; null when unset
     */
    public String getStore() {
      return store;
    }

    /**
     * Sets the store location.
     *
     * @param store a file path or a PostgreSQL JDBC URL
     */
    public void setStore(String store) {
      this.store = store;
    }

    /**
     * The interval between passes.
     *
     * @return the interval
     */
    public Duration getInterval() {
      return interval;
    }

    /**
     * Sets the interval between passes.
     *
     * @param interval a positive duration
     */
    public void setInterval(Duration interval) {
      this.interval = interval;
    }

    /**
     * The package size.
     *
     * @return at least 1
     */
    public int getPackageSize() {
      return packageSize;
    }

    /**
     * Sets the package size.
     *
     * @param packageSize at least 1
     */
    public void setPackageSize(int packageSize) {
      this.packageSize = packageSize;
    }

    /**
     * Whether a submit starts a pass at once.
     *
     * @return true to send at once
     */
    public boolean isSendAtOnce() {
      return sendAtOnce;
    }

    /**
     * Sets whether a submit starts a pass at once.
     *
     * @param sendAtOnce true to send at once
     */
    public void setSendAtOnce(boolean sendAtOnce) {
      this.sendAtOnce = sendAtOnce;
    }

    /**
     * The attempts before an entry fails.
     *
     * @return at least 1
     */
    public int getMaxAttempts() {
      return maxAttempts;
    }

    /**
     * Sets the attempts before an entry fails.
     *
     * @param maxAttempts at least 1
     */
    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /**
     * The age at which an entry fails.
     *
     * @return the age
     */
    public Duration getMaxAge() {
      return maxAge;
    }

    /**
     * Sets the age at which an entry fails.
     *
     * @param maxAge a positive duration
     */
    public void setMaxAge(Duration maxAge) {
      this.maxAge = maxAge;
    }

    /**
     * The spool directory.
     *
     * @return the directory; null when unset
     */
    public Path getSpoolDirectory() {
      return spoolDirectory;
    }

    /**
     * Sets the spool directory.
     *
     * @param spoolDirectory the directory
     */
    public void setSpoolDirectory(Path spoolDirectory) {
      this.spoolDirectory = spoolDirectory;
    }
  }
}
