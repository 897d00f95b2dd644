package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmValidationException;

/**
 * The numeric id of a transport node, as {@code GET /v2/nodes} lists it.
 *
 * <pre>{@code
 * NodeId qas = NodeId.of(17);
 * }</pre>
 *
 * @param value the id, positive
 */
public record NodeId(long value) implements NodeRef {
  /**
   * Checks the id.
   *
   * @throws CalmValidationException when the id is not positive
   */
  public NodeId {
    if (value <= 0) {
      throw new CalmValidationException("nodeId", "must be positive, was " + value + "; take it from nodes()");
    }
  }

  /**
   * A node id.
   *
   * @param value the id, positive
   * @return the id
   * @throws CalmValidationException when the id is not positive
   */
  public static NodeId of(long value) {
    return new NodeId(value);
  }

  /** The bare number. */
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
