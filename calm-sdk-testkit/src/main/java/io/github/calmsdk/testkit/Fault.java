package io.github.calmsdk.testkit;

/**
 * An armed fault: count its firings, or cancel it.
 *
 * <pre>{@code
 * Fault f = fake.faults().tokenEndpoint().status(503).times(3);
 * client.call();
 * assertThat(f.fired()).isEqualTo(3);
 * }</pre>
 */
public interface Fault {
  /**
   * How many requests this fault has been applied to.
   *
   * @return the count
   */
  int fired();

  /** Stops the fault from firing again. */
  void cancel();
}
