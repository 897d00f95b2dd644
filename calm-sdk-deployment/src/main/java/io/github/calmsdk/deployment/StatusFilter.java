package io.github.calmsdk.deployment;

/**
 * How several statuses are asked for in {@code GET /v2/nodes/{nodeId}/transportRequests}. The published
 * specification describes {@code status} as one value; SAP's own tools send a comma list ({@code status=in,er}),
 * which is the default. If a landscape rejects lists, switch to one call per status: the client then merges the
 * answers (a transport request listed twice is kept once).
 *
 * <pre>{@code
 * DeploymentOptions.builder().statusFilter(StatusFilter.ONE_CALL_PER_STATUS).build();
 * }</pre>
 */
public enum StatusFilter {
  /** One call with {@code status=in,ru,...}. */
  COMMA_LIST,
  /** One call per status, merged in the order of the statuses. */
  ONE_CALL_PER_STATUS
}
