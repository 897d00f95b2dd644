package io.github.calmsdk.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rates of random faults for a reliability suite ({@link Faults#random(long, FaultMix)}). Each eligible request
 * draws one number and gets at most one fault; the rates must add up to at most 1.
 * <ul>
 *   <li>429 and 503 (with {@link #retryAfter()} when set) and 500 answer without processing the request;</li>
 *   <li>a reset closes the connection without processing (the client sees an {@link java.io.IOException});</li>
 *   <li>a stall waits {@link #stall()} and then processes and answers normally (client timeouts fire);</li>
 *   <li>a drop processes the request and then closes the connection without an answer.</li>
 * </ul>
 * Eligible are requests under {@code /api/} whose whole raw path matches {@link #pathRegex()}, and the token
 * endpoint only when {@link #includeTokenEndpoint()} is set.
 *
 * <pre>{@code
 * FaultMix mix = FaultMix.builder()
 *     .rate429(0.05).rate503(0.05).resetRate(0.02)
 *     .stallRate(0.01).stall(Duration.ofSeconds(2))
 *     .dropAfterProcessingRate(0.03)
 *     .build();
 * Fault chaos = fake.faults().random(42L, mix);
 * }</pre>
 *
 * @param rate429 the share of requests answered 429
 * @param rate500 the share answered 500
 * @param rate503 the share answered 503
 * @param resetRate the share whose connection is reset before processing
 * @param stallRate the share delayed by {@code stall} before normal processing
 * @param stall how long a stall lasts
 * @param dropAfterProcessingRate the share processed and then dropped without an answer
 * @param retryAfter the {@code Retry-After} sent with 429 and 503, or null for none
 * @param includeTokenEndpoint whether the token endpoint gets random faults too
 * @param pathRegex a regex the whole raw path must match for a request to be eligible
 */
public record FaultMix(
    double rate429,
    double rate500,
    double rate503,
    double resetRate,
    double stallRate,
    Duration stall,
    double dropAfterProcessingRate,
    Duration retryAfter,
    boolean includeTokenEndpoint,
    String pathRegex) {

  /**
   * Validates the rates.
   *
   * @param rate429 the share answered 429
   * @param rate500 the share answered 500
   * @param rate503 the share answered 503
   * @param resetRate the share reset before processing
   * @param stallRate the share stalled
   * @param stall how long a stall lasts
   * @param dropAfterProcessingRate the share dropped after processing
   * @param retryAfter the Retry-After for 429 and 503, or null
   * @param includeTokenEndpoint whether the token endpoint is eligible
   * @param pathRegex the eligible paths
   * @throws IllegalArgumentException when a rate is outside [0, 1], the rates add up to more than 1, or a
   *     duration is negative
   */
  public FaultMix {
    double sum = 0;
    for (double r : new double[] {rate429, rate500, rate503, resetRate, stallRate, dropAfterProcessingRate}) {
      if (!(r >= 0 && r <= 1)) {
        throw new IllegalArgumentException("a rate must be between 0 and 1, not " + r);
      }
      sum += r;
    }
    if (sum > 1 + 1e-9) {
      throw new IllegalArgumentException("the rates add up to " + sum + ", more than 1");
    }
    Objects.requireNonNull(stall, "stall");
    if (stall.isNegative() || retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    Objects.requireNonNull(pathRegex, "pathRegex");
    Pattern.compile(pathRegex);
  }

  /**
   * A builder with every rate at 0, a 2 second stall, no Retry-After, token endpoint excluded, all paths.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link FaultMix}. */
  public static final class Builder {
    private double rate429;
    private double rate500;
    private double rate503;
    private double resetRate;
    private double stallRate;
    private Duration stall = Duration.ofSeconds(2);
    private double dropAfterProcessingRate;
    private Duration retryAfter;
    private boolean includeTokenEndpoint;
    private String pathRegex = ".*";

    private Builder() {}

    /**
     * The share of requests answered 429.
     *
     * @param rate from 0 to 1
     * @return this builder
     */
    public Builder rate429(double rate) {
      this.rate429 = rate;
      return this;
    }

    /**
     * The share of requests answered 500.
     *
     * @param rate from 0 to 1
     * @return this builder
     */
    public Builder rate500(double rate) {
      this.rate500 = rate;
      return this;
    }

    /**
     * The share of requests answered 503.
     *
     * @param rate from 0 to 1
     * @return this builder
     */
    public Builder rate503(double rate) {
      this.rate503 = rate;
      return this;
    }

    /**
     * The share of requests whose connection is reset before processing.
     *
     * @param rate from 0 to 1
     * @return this builder
     */
    public Builder resetRate(double rate) {
      this.resetRate = rate;
      return this;
    }

    /**
     * The share of requests stalled by {@link #stall(Duration)} before normal processing.
     *
     * @param rate from 0 to 1
     * @return this builder
     */
    public Builder stallRate(double rate) {
      this.stallRate = rate;
      return this;
    }

    /**
     * How long a stall lasts.
     *
     * @param stall the delay
     * @return this builder
     */
    public Builder stall(Duration stall) {
      this.stall = stall;
      return this;
    }

    /**
     * The share of requests processed and then dropped without an answer.
     *
     * @param rate from 0 to 1
     * @return this builder
     */
    public Builder dropAfterProcessingRate(double rate) {
      this.dropAfterProcessingRate = rate;
      return this;
    }

    /**
     * The {@code Retry-After} sent with random 429 and 503 answers.
     *
     * @param retryAfter the delay, or null for no header
     * @return this builder
     */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = retryAfter;
      return this;
    }

    /**
     * Whether the token endpoint gets random faults too.
     *
     * @param include true to include it
     * @return this builder
     */
    public Builder includeTokenEndpoint(boolean include) {
      this.includeTokenEndpoint = include;
      return this;
    }

    /**
     * Restricts random faults to requests whose whole raw path matches.
     *
     * @param pathRegex a regex
     * @return this builder
     */
    public Builder pathRegex(String pathRegex) {
      this.pathRegex = pathRegex;
      return this;
    }

    /**
     * Builds the mix.
     *
     * @return the mix
     * @throws IllegalArgumentException when the rates are invalid
     */
    public FaultMix build() {
      return new FaultMix(rate429, rate500, rate503, resetRate, stallRate, stall, dropAfterProcessingRate,
          retryAfter, includeTokenEndpoint, pathRegex);
    }
  }
}
