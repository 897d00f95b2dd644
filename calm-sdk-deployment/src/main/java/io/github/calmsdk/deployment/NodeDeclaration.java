package io.github.calmsdk.deployment;

import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.core.error.CalmValidationException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What you know about a node that the {@code GET /v2/nodes} answer does not say: its content types and who controls
 * its imports. The client uses a declaration only for what the answer leaves out (no {@code targets[].contentType},
 * no {@code controlledBy}); what the answer says wins. Declared with {@link
 * DeploymentOptions.Builder#declareNode(NodeDeclaration)}.
 *
 * <pre>{@code
 * DeploymentOptions options = DeploymentOptions.builder()
 *     .declareNode(NodeDeclaration.contentTypes(NodeName.of("ABAP_QAS"), ContentType.BTP_ABAP))
 *     .declareNode(NodeDeclaration.controlledBy(NodeName.of("SM_PRD"), "CHARM"))
 *     .build();
 * }</pre>
 *
 * @param node the node, by id or name
 * @param contentTypes the content types of its targets; empty when not declared
 * @param controlledBy who controls its imports (such as {@code CHARM}), or null when not declared
 */
public record NodeDeclaration(NodeRef node, List<ContentType> contentTypes, String controlledBy) {
  /**
   * Checks the declaration.
   *
   * @throws CalmValidationException when the node is missing, nothing is declared, or controlledBy is blank
   */
  public NodeDeclaration {
    Checks.present("node", node, "pass the NodeId or NodeName the declaration is about");
    contentTypes =
        List.copyOf(new LinkedHashSet<>(Checks.copyOf(contentTypes, i -> "contentTypes[" + i + "]")));
    if (controlledBy != null && controlledBy.isBlank()) {
      throw new CalmValidationException(
          "controlledBy", "is blank; pass the controlling system's value (such as CHARM) or null");
    }
    if (contentTypes.isEmpty() && controlledBy == null) {
      throw new CalmValidationException(
          "contentTypes", "and controlledBy are both empty; declare at least one, e.g."
              + " NodeDeclaration.contentTypes(node, ContentType.BTP_ABAP)");
    }
  }

  /**
   * Declares a node's content types.
   *
   * @param node the node
   * @param types the content types of its targets, at least one
   * @return the declaration
   */
  public static NodeDeclaration contentTypes(NodeRef node, ContentType... types) {
    return new NodeDeclaration(node, types == null ? null : Arrays.asList(types), null);
  }

  /**
   * Declares who controls a node's imports.
   *
   * @param node the node
   * @param controlledBy the controlling system, such as {@code CHARM} (SAP Solution Manager)
   * @return the declaration
   */
  public static NodeDeclaration controlledBy(NodeRef node, String controlledBy) {
    return new NodeDeclaration(node, List.of(), controlledBy);
  }
}
