package io.github.calmsdk.deployment;

import java.util.List;
import java.util.Objects;

/**
 * A node of the transport landscape, as {@code GET /v2/nodes} lists it. That listing is not part of the published
 * API specification 2.2.1, but Project Piper and SAP's own tools read it through Cloud ALM; fields other than id and
 * name may be missing, and then read as empty or false.
 *
 * <p>{@link #contentTypes()} and {@link #controlledBy()} tell what the node can import: SAP's Cloud ALM setup guide
 * says Import Selected is not possible for content type BTP ABAP, and that imports cannot be triggered for nodes
 * controlled by SAP Solution Manager. The client refuses such imports before sending them (see {@link
 * DeploymentClient#importTransports(ImportRequest)}). When the answer does not carry them, declare them with
 * {@link DeploymentOptions.Builder#declareNode(NodeDeclaration)}.
 *
 * <pre>{@code
 * for (Node n : deployment.nodes()) {
 *   System.out.println(n.id() + " " + n.name() + " " + n.contentTypes()
 *       + (n.importDisabled() ? " (import disabled)" : ""));
 * }
 * }</pre>
 *
 * @param id the id
 * @param name the name
 * @param description the description, or null
 * @param uploadAllowed whether files may be uploaded into this node's own queue
 * @param importDisabled whether imports into this node are switched off
 * @param importDisabledReason why imports are switched off, or null
 * @param forwardMode how transport requests move on after import ({@code AUTO}, {@code MANUAL}), or null
 * @param virtual whether the node is virtual (no target system)
 * @param contentTypes the content types of the node's targets ({@code targets[].contentType}), in the server's
 *     order without repeats; empty when the answer names none
 * @param controlledBy who controls the node's imports ({@code controlledBy}, such as {@code CHARM} for SAP Solution
 *     Manager's Change Request Management), verbatim, or null when the answer has no such field. The set of values
 *     is not public
 */
public record Node(
    NodeId id,
    NodeName name,
    String description,
    boolean uploadAllowed,
    boolean importDisabled,
    String importDisabledReason,
    String forwardMode,
    boolean virtual,
    List<ContentType> contentTypes,
    String controlledBy) {
  /** Checks the required fields and copies the list. */
  public Node {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    contentTypes = contentTypes == null ? List.of() : List.copyOf(contentTypes);
  }

  /**
   * A node whose answer says nothing about its content types or control, as before these fields were read.
   *
   * <pre>{@code
   * Node n = new Node(NodeId.of(2), NodeName.of("QAS"), null, false, false, null, "AUTO", false);
   * }</pre>
   *
   * @param id the id
   * @param name the name
   * @param description the description, or null
   * @param uploadAllowed whether files may be uploaded into this node's own queue
   * @param importDisabled whether imports into this node are switched off
   * @param importDisabledReason why imports are switched off, or null
   * @param forwardMode how transport requests move on after import, or null
   * @param virtual whether the node is virtual
   */
  public Node(
      NodeId id,
      NodeName name,
      String description,
      boolean uploadAllowed,
      boolean importDisabled,
      String importDisabledReason,
      String forwardMode,
      boolean virtual) {
    this(id, name, description, uploadAllowed, importDisabled, importDisabledReason, forwardMode, virtual,
        List.of(), null);
  }
}
