package io.github.calmsdk.testkit;

import java.util.Objects;
import java.util.Set;

/**
 * A node to add to the fake's landscape with {@link FakeCalm#addNode(NodeSpec)}: its name, whether uploads are
 * allowed, the content type of its target and whether it is controlled by SAP Solution Manager.
 *
 * <p>Two kinds of node refuse imports the way SAP's guide for Cloud ALM describes:
 * <ul>
 *   <li>a node whose target content type is {@code BTP_ABAP} refuses <em>Import Selected</em>
 *       ({@code POST .../transportRequests/import}) with 400; Import All still works. The guide asks for
 *       <em>ImportUpTo</em>, which has no public API, so the fake has no such endpoint;</li>
 *   <li>a node with a {@code controlledBy} value (SAP Solution Manager / ChaRM) refuses every import
 *       ({@code import} and {@code importAll}) with 400.</li>
 * </ul>
 * The real status code of these refusals is not public; 400 with the spec's {@code {errorType, message}} body is
 * the fake's choice.
 *
 * <pre>{@code
 * long abap = fake.addNode(NodeSpec.named("ABAP_QAS").withContentType("BTP_ABAP"));
 * long solman = fake.addNode(NodeSpec.named("SM_PRD").controlledBySolutionManager());
 * }</pre>
 *
 * @param name the node name, 1 to 30 characters
 * @param description the description
 * @param uploadAllowed whether {@code POST /v2/nodes/upload} may target this node
 * @param contentType the content type of the node's one target ({@code MTA}, {@code BTP_ABAP}, {@code APP},
 *     {@code XSCDU}), or null for a node without targets
 * @param controlledBy who controls the node's imports, rendered as the node's {@code controlledBy} field (the
 *     ChaRM emulator sends {@code CHARM}), or null for an ordinary node
 */
public record NodeSpec(String name, String description, boolean uploadAllowed, String contentType,
    String controlledBy) {
  private static final Set<String> CONTENT_TYPES = Set.of("MTA", "BTP_ABAP", "APP", "XSCDU");

  /**
   * Validates the values.
   *
   * @param name the node name
   * @param description the description
   * @param uploadAllowed whether uploads are allowed
   * @param contentType the target's content type, or null
   * @param controlledBy the controlling system, or null
   * @throws IllegalArgumentException when the name is not 1 to 30 characters or the content type is unknown
   */
  public NodeSpec {
    if (name == null || name.isBlank() || name.length() > 30) {
      throw new IllegalArgumentException("a node name must have 1 to 30 characters: " + name);
    }
    Objects.requireNonNull(description, "description");
    if (contentType != null && !CONTENT_TYPES.contains(contentType)) {
      throw new IllegalArgumentException("contentType is one of " + CONTENT_TYPES + " or null, not " + contentType);
    }
    if (controlledBy != null && controlledBy.isBlank()) {
      throw new IllegalArgumentException("controlledBy is null or not blank");
    }
  }

  /**
   * An ordinary node: upload allowed, no targets, not controlled by another system.
   *
   * @param name the node name, 1 to 30 characters
   * @return the spec
   */
  public static NodeSpec named(String name) {
    return new NodeSpec(name, "Node " + name, true, null, null);
  }

  /**
   * The same node with a target of this content type.
   *
   * @param type {@code MTA}, {@code BTP_ABAP}, {@code APP} or {@code XSCDU}
   * @return a new spec
   */
  public NodeSpec withContentType(String type) {
    return new NodeSpec(name, description, uploadAllowed, type, controlledBy);
  }

  /**
   * The same node, controlled by SAP Solution Manager ({@code controlledBy} {@code CHARM}): imports are refused.
   *
   * @return a new spec
   */
  public NodeSpec controlledBySolutionManager() {
    return new NodeSpec(name, description, uploadAllowed, contentType, "CHARM");
  }

  /**
   * The same node with or without uploads allowed.
   *
   * @param allowed whether {@code POST /v2/nodes/upload} may target it
   * @return a new spec
   */
  public NodeSpec withUploadAllowed(boolean allowed) {
    return new NodeSpec(name, description, allowed, contentType, controlledBy);
  }
}
