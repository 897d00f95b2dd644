package io.github.calmsdk.deployment;

import java.util.List;
import java.util.Objects;

/**
 * What an import action did to one transport request.
 *
 * <pre>{@code
 * for (TransportOutcome t : outcome.transportRequests()) {
 *   System.out.println(t.transportRequestId() + ": " + t.status());
 * }
 * }</pre>
 *
 * @param transportRequestId the transport request
 * @param status its status in the action ({@code succeeded}, {@code warning}, {@code error}, {@code fatal},
 *     {@code running}, {@code initial}, {@code unknown}, or a value this SDK does not know)
 * @param entities its files or references, each with a status
 */
public record TransportOutcome(
    TransportRequestId transportRequestId, TransportStatus status, List<TransportEntity> entities) {
  /** Checks the fields and copies the list. */
  public TransportOutcome {
    Objects.requireNonNull(transportRequestId, "transportRequestId");
    Objects.requireNonNull(status, "status");
    entities = entities == null ? List.of() : List.copyOf(entities);
  }
}
