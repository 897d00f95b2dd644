package io.github.calmsdk.deployment;

import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.core.error.CalmValidationException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which transport requests of a node's queue to list. The API requires at least one status; the client sends them as
 * one comma list ({@code status=in,er}), as SAP's own tools do, although the specification describes a single
 * value. Time windows are sent as UTC {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}.
 *
 * <pre>{@code
 * List<TransportRequest> failed = deployment.transportRequests(
 *     TransportQuery.of(NodeName.of("QAS_NODE"), TransportStatus.ERROR, TransportStatus.FATAL));
 * List<TransportRequest> recent = deployment.transportRequests(TransportQuery.builder()
 *     .node(NodeId.of(17))
 *     .allStatuses()
 *     .createdAfter(Instant.now().minus(Duration.ofDays(1)))
 *     .owner("CI_USER")
 *     .build());
 * }</pre>
 *
 * @param node the node
 * @param statuses the statuses to list, at least one, each with a query code
 * @param createdAtFrom only those created at or after this instant, or null
 * @param createdAtTo only those created at or before this instant, or null
 * @param queuedAtFrom only those queued at or after this instant, or null
 * @param queuedAtTo only those queued at or before this instant, or null
 * @param owner only those of this owner, or null
 */
public record TransportQuery(
    NodeRef node,
    Set<TransportStatus> statuses,
    Instant createdAtFrom,
    Instant createdAtTo,
    Instant queuedAtFrom,
    Instant queuedAtTo,
    String owner) {
  /**
   * Checks the query.
   *
   * @throws CalmValidationException when the node or the statuses are missing, a status has no query code, or a
   *     window ends before it starts
   */
  public TransportQuery {
    Checks.present("node", node, "pass a NodeId or NodeName");
    statuses = checkStatuses(statuses);
    window("createdAt", createdAtFrom, createdAtTo);
    window("queuedAt", queuedAtFrom, queuedAtTo);
    if (owner != null && owner.isBlank()) {
      throw new CalmValidationException("owner", "is blank; leave it unset or pass the owner");
    }
  }

  /**
   * Lists the transport requests of a node in the given statuses.
   *
   * @param node the node
   * @param statuses at least one status
   * @return the query
   * @throws CalmValidationException when no status is given
   */
  public static TransportQuery of(NodeRef node, TransportStatus... statuses) {
    return new TransportQuery(
        node, statuses == null ? null : new LinkedHashSet<>(Arrays.asList(statuses)), null, null, null, null, null);
  }

  /**
   * Lists the transport requests of a node in every status that has a query code.
   *
   * @param node the node
   * @return the query
   */
  public static TransportQuery allStatuses(NodeRef node) {
    return new TransportQuery(
        node, new LinkedHashSet<>(TransportStatus.QUERYABLE), null, null, null, null, null);
  }

  /**
   * The query codes, comma-separated in the API's order, as sent in {@code status}.
   *
   * @return for example {@code "in,er"}
   */
  public String statusCodes() {
    return codes(statuses);
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  static Set<TransportStatus> checkStatuses(Set<TransportStatus> statuses) {
    if (statuses == null || statuses.isEmpty()) {
      throw new CalmValidationException(
          "statuses", "is empty; the API requires at least one status, e.g. TransportStatus.ERROR");
    }
    for (TransportStatus s : statuses) {
      if (s == null) {
        throw new CalmValidationException("statuses", "contains null; remove it");
      }
      if (s.queryCode().isEmpty()) {
        throw new CalmValidationException(
            "statuses",
            "contains '" + s + "', which the API cannot filter on; use " + TransportStatus.QUERYABLE);
      }
    }
    return Set.copyOf(statuses);
  }

  static String codes(Set<TransportStatus> statuses) {
    return TransportStatus.QUERYABLE.stream()
        .filter(statuses::contains)
        .map(s -> s.queryCode().orElseThrow())
        .collect(Collectors.joining(","));
  }

  private static void window(String field, Instant from, Instant to) {
    if (from != null && to != null && to.isBefore(from)) {
      throw new CalmValidationException(field, "window ends (" + to + ") before it starts (" + from + "); swap them");
    }
  }

  /**
   * Builds a {@link TransportQuery}.
   *
   * <pre>{@code
   * TransportQuery q = TransportQuery.builder().node(NodeName.of("QAS")).status(TransportStatus.INITIAL).build();
   * }</pre>
   */
  public static final class Builder {
    private NodeRef node;
    private final Set<TransportStatus> statuses = new LinkedHashSet<>();
    private Instant createdAtFrom;
    private Instant createdAtTo;
    private Instant queuedAtFrom;
    private Instant queuedAtTo;
    private String owner;

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
     * Adds a status.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(TransportStatus status) {
      statuses.add(status);
      return this;
    }

    /**
     * Adds statuses.
     *
     * @param statuses the statuses
     * @return this builder
     */
    public Builder statuses(Collection<TransportStatus> statuses) {
      this.statuses.addAll(statuses);
      return this;
    }

    /**
     * Adds every status that has a query code.
     *
     * @return this builder
     */
    public Builder allStatuses() {
      statuses.addAll(TransportStatus.QUERYABLE);
      return this;
    }

    /**
     * Lists only those created at or after an instant.
     *
     * @param from the instant
     * @return this builder
     */
    public Builder createdAfter(Instant from) {
      this.createdAtFrom = from;
      return this;
    }

    /**
     * Lists only those created at or before an instant.
     *
     * @param to the instant
     * @return this builder
     */
    public Builder createdBefore(Instant to) {
      this.createdAtTo = to;
      return this;
    }

    /**
     * Lists only those queued at or after an instant.
     *
     * @param from the instant
     * @return this builder
     */
    public Builder queuedAfter(Instant from) {
      this.queuedAtFrom = from;
      return this;
    }

    /**
     * Lists only those queued at or before an instant.
     *
     * @param to the instant
     * @return this builder
     */
    public Builder queuedBefore(Instant to) {
      this.queuedAtTo = to;
      return this;
    }

    /**
     * Lists only those of an owner.
     *
     * @param owner the owner
     * @return this builder
     */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query
     * @throws CalmValidationException naming the field that breaks a rule
     */
    public TransportQuery build() {
      return new TransportQuery(node, statuses, createdAtFrom, createdAtTo, queuedAtFrom, queuedAtTo, owner);
    }
  }
}
