package io.github.calmsdk.deployment;

import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.deployment.internal.DeploymentChecks;
import io.github.calmsdk.core.error.CalmValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What to import into a node: chosen transport requests ({@code POST .../transportRequests/import}) or every
 * importable one in its queue ({@code POST .../transportRequests/importAll}, which leaves out those in {@code
 * error}). Duplicate ids are sent once.
 *
 * <pre>{@code
 * ImportAction a = deployment.importTransports(
 *     ImportRequest.of(NodeName.of("QAS_NODE"), TransportRequestId.of(4711), TransportRequestId.of(4712)));
 * ImportAction b = deployment.importTransports(ImportRequest.all(NodeId.of(17)));
 * ImportAction c = deployment.importTransports(ImportRequest.builder()
 *     .node(NodeId.of(17)).transportRequest(TransportRequestId.of(4711)).namedUser("jane").build());
 * }</pre>
 *
 * @param node the node to import into
 * @param transportRequests the transport requests; empty when {@code all}
 * @param all whether to import every importable transport request of the node
 * @param namedUser the named user recorded for the import, or null
 */
public record ImportRequest(NodeRef node, List<TransportRequestId> transportRequests, boolean all, String namedUser) {
  /**
   * Checks the request.
   *
   * @throws CalmValidationException when the node is missing, the list is empty (and not {@code all}), both are
   *     given, or the named user is too long
   */
  public ImportRequest {
    Checks.present("node", node, "pass a NodeId or NodeName");
    List<TransportRequestId> ids = Checks.copyOf(transportRequests, i -> "transportRequests[" + i + "]");
    if (all && !ids.isEmpty()) {
      throw new CalmValidationException(
          "transportRequests", "given together with importAll; pass either the ids or importAll()");
    }
    if (!all && ids.isEmpty()) {
      throw new CalmValidationException(
          "transportRequests", "is empty; pass at least one transport request id, or use ImportRequest.all(node)");
    }
    transportRequests = List.copyOf(new LinkedHashSet<>(ids));
    DeploymentChecks.namedUser(namedUser);
  }

  /**
   * Imports chosen transport requests.
   *
   * @param node the node
   * @param ids the transport requests, at least one
   * @return the request
   * @throws CalmValidationException when no id is given
   */
  public static ImportRequest of(NodeRef node, TransportRequestId... ids) {
    return new ImportRequest(node, ids == null ? null : Arrays.asList(ids), false, null);
  }

  /**
   * Imports chosen transport requests.
   *
   * @param node the node
   * @param ids the transport requests, at least one
   * @return the request
   * @throws CalmValidationException when no id is given
   */
  public static ImportRequest of(NodeRef node, Collection<TransportRequestId> ids) {
    return new ImportRequest(node, ids == null ? null : new ArrayList<>(ids), false, null);
  }

  /**
   * Imports every importable transport request of a node.
   *
   * @param node the node
   * @return the request
   */
  public static ImportRequest all(NodeRef node) {
    return new ImportRequest(node, List.of(), true, null);
  }

  /**
   * A copy with a named user.
   *
   * @param namedUser at most 60 characters, or null
   * @return the copy
   * @throws CalmValidationException when the name is too long
   */
  public ImportRequest withNamedUser(String namedUser) {
    return new ImportRequest(node, transportRequests, all, namedUser);
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an {@link ImportRequest}.
   *
   * <pre>{@code
   * ImportRequest r = ImportRequest.builder().node(NodeName.of("QAS")).importAll().namedUser("jane").build();
   * }</pre>
   */
  public static final class Builder {
    private NodeRef node;
    private final List<TransportRequestId> ids = new ArrayList<>();
    private boolean all;
    private String namedUser;

    private Builder() {}

    /**
     * Sets the node.
     *
     * @param node a NodeId or NodeName
     * @return this builder
     */
    public Builder node(NodeRef node) {
      this.node = node;
      return this;
    }

    /**
     * Adds a transport request.
     *
     * @param id the id
     * @return this builder
     */
    public Builder transportRequest(TransportRequestId id) {
      ids.add(id);
      return this;
    }

    /**
     * Adds transport requests.
     *
     * @param ids the ids
     * @return this builder
     */
    public Builder transportRequests(Collection<TransportRequestId> ids) {
      this.ids.addAll(ids);
      return this;
    }

    /**
     * Imports every importable transport request of the node instead of chosen ones.
     *
     * @return this builder
     */
    public Builder importAll() {
      this.all = true;
      return this;
    }

    /**
     * Sets the named user.
     *
     * @param namedUser at most 60 characters, or null
     * @return this builder
     */
    public Builder namedUser(String namedUser) {
      this.namedUser = namedUser;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws CalmValidationException naming the field that breaks a rule
     */
    public ImportRequest build() {
      return new ImportRequest(node, ids, all, namedUser);
    }
  }
}
