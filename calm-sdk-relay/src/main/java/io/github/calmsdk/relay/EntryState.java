package io.github.calmsdk.relay;

/**
 * Where an entry stands.
 *
 * <pre>
 *            submit
 *              |
 *              v
 *   +----&gt; PENDING --claim--&gt; SENDING --all steps done--&gt; DELIVERED
 *   |          ^  ^              |  |
 *   |          |  +--transient---+  +--permanent 4xx, max attempts or age--&gt; FAILED ----+
 *   |          |   (backoff)     |                                                   |
 *   |          +--lease expired--+  +--lost answer not settled by reading--&gt; UNRESOLVED -+
 *   +------------------------------------------ requeue(id) --------------------------+
 * </pre>
 *
 * <pre>{@code
 * relay.list(EntryState.FAILED).forEach(e -> System.out.println(e.id() + " " + e.lastError().orElse("")));
 * }</pre>
 */
public enum EntryState {
  /** Stored, waiting for its next attempt. */
  PENDING,
  /** Claimed by a relay node, which is working through its steps. */
  SENDING,
  /** Every step is done. */
  DELIVERED,
  /** Given up: a permanent error, or too many attempts, or too old; it keeps its last error. */
  FAILED,
  /** An answer was lost and reading the service's state did not settle it: a person must decide. */
  UNRESOLVED;

  /**
   * The name stored and printed, such as {@code pending}.
   *
   * @return the lower-case name
   */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The state of a stored name.
   *
   * @param name such as {@code pending}
   * @return the state
   * @throws IllegalArgumentException when the name is none of the states
   */
  public static EntryState of(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }
}
