package io.github.calmsdk.relay;

import io.github.calmsdk.core.error.CalmValidationException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How many entries the store holds in each open state, and how long the oldest pending one has waited: what a
 * dashboard or an alert needs, read in one query. Delivered entries are not counted.
 *
 * <pre>{@code
 * RelayStats stats = relay.stats();
 * if (stats.failed() + stats.unresolved() > 0) {
 *   System.out.println(stats.failed() + " failed, " + stats.unresolved() + " unresolved: see calm relay list");
 * }
 * stats.oldestPendingAge().ifPresent(age -> System.out.println("oldest pending: " + age));
 * }</pre>
 *
 * @param pending entries waiting for their next attempt
 * @param sending entries a relay node is working on
 * @param failed entries given up, waiting for a person to requeue them
 * @param unresolved entries whose answer was lost and could not be settled, waiting for a person
 * @param oldestPendingAge how long ago the oldest pending entry was submitted, by the store's clock; empty when
 *     none is pending
 */
public record RelayStats(long pending, long sending, long failed, long unresolved, Optional<Duration> oldestPendingAge) {
  /**
   * Checks the values.
   *
   * @throws CalmValidationException when a count is negative, naming it
   * @throws NullPointerException when {@code oldestPendingAge} is null
   */
  public RelayStats {
    count("pending", pending);
    count("sending", sending);
    count("failed", failed);
    count("unresolved", unresolved);
    Objects.requireNonNull(oldestPendingAge, "oldestPendingAge");
  }

  private static void count(String field, long value) {
    if (value < 0) {
      throw new CalmValidationException(field, "cannot be negative, was " + value);
    }
  }
}
