package io.github.calmsdk.core.http;

import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.core.retry.RetryPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options for one call that override the client's: the whole-call deadline, the per-attempt timeout, extra
 * headers and the retry policy. Anything left unset falls back to the client.
 *
 * <pre>{@code
 * CallOptions o = CallOptions.builder()
 *     .timeout(Duration.ofMinutes(2))
 *     .header("X-Correlation-Id", "job-42")
 *     .retryPolicy(RetryPolicy.none())
 *     .build();
 * }</pre>
 *
 * @param timeout the whole-call deadline, retries included, or null for the client's
 * @param attemptTimeout the limit for one attempt, or null for the client's
 * @param headers extra headers sent with every attempt
 * @param retryPolicy the retry policy, or null for the client's
 */
public record CallOptions(
    Duration timeout, Duration attemptTimeout, Map<String, String> headers, RetryPolicy retryPolicy) {
  private static final CallOptions DEFAULTS = new CallOptions(null, null, Map.of(), null);

  /** Checks the values. */
  public CallOptions {
    requirePositive(timeout, "timeout");
    requirePositive(attemptTimeout, "attemptTimeout");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /**
   * Options that override nothing.
   *
   * @return the default options
   */
  public static CallOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }


  private static void requirePositive(Duration d, String name) {
    if (d != null) {
      Checks.positive(name, d, "leave it unset for the client's default");
    }
  }

  /** Builds {@link CallOptions}. */
  public static final class Builder {
    private Duration timeout;
    private Duration attemptTimeout;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private RetryPolicy retryPolicy;

    private Builder() {}

    /**
     * Sets the whole-call deadline, retries and waits included.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets the limit for one attempt.
     *
     * @param attemptTimeout a positive duration
     * @return this builder
     */
    public Builder attemptTimeout(Duration attemptTimeout) {
      this.attemptTimeout = attemptTimeout;
      return this;
    }

    /**
     * Adds a header to every attempt of the call.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /**
     * Sets the retry policy for the call.
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public CallOptions build() {
      return new CallOptions(timeout, attemptTimeout, headers, retryPolicy);
    }
  }
}
