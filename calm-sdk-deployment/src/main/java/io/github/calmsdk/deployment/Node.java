package io.github.calmsdk.deployment;

import java.util.Objects;

/**
 * A node of the transport landscape, as {@code GET /v2/nodes} lists it. That listing is not part of the published
 * API specification 2.2.1, but Project Piper and SAP's own tools read it through Cloud ALM; fields other than id and
 * name may be missing, and then read as empty or false.
 *
 * <pre>{@code
 * for (Node n : deployment.nodes()) {
 *   System.out.println(n.id() + " " + n.name() + (n.importDisabled() ? " (import disabled)" : ""));
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
 */
public record Node(
    NodeId id,
    NodeName name,
    String description,
    boolean uploadAllowed,
    boolean importDisabled,
    String importDisabledReason,
    String forwardMode,
    boolean virtual) {
  /** Checks the required fields. */
  public Node {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
