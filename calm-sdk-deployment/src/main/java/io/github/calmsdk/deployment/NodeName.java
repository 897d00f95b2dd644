package io.github.calmsdk.deployment;

import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.deployment.internal.DeploymentChecks;
import io.github.calmsdk.core.error.CalmValidationException;

/**
 * The name of a transport node: 1 to 30 characters, as the transport management API requires.
 *
 * <pre>{@code
 * NodeName dev = NodeName.of("DEV_NODE");
 * }</pre>
 *
 * @param value the name
 */
public record NodeName(String value) implements NodeRef {
  /** The longest name the API accepts. */
  public static final int MAX_LENGTH = DeploymentChecks.NODE_NAME_MAX;

  /**
   * Checks the name.
   *
   * @throws CalmValidationException when the name is blank or longer than 30 characters
   */
  public NodeName {
    Checks.required("nodeName", value, "pass the node's name as shown in the transport landscape");
    Checks.maxLength("nodeName", value, MAX_LENGTH, "node names have at most 30 characters");
  }

  /**
   * A node name.
   *
   * @param value the name, 1 to 30 characters
   * @return the name
   * @throws CalmValidationException when the name is blank or longer than 30 characters
   */
  public static NodeName of(String value) {
    return new NodeName(value);
  }

  /** The bare name. */
  @Override
  public String toString() {
    return value;
  }
}
