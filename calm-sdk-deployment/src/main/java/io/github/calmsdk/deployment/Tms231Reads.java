package io.github.calmsdk.deployment;

/**
 * Whether the client reads single transport requests through the endpoints new in TMS API 2.3.1, {@code GET
 * /v2/nodes/{nodeId}/transportRequests/{id}} and {@code GET /v2/transportRequests/{id}/tracking}, or always through
 * the queue listing of 2.2.1. Their schemas are not public; the client reads them tolerantly and falls back to the
 * queue listing when a service does not serve them (see {@link DeploymentOptions#tms231Reads()}).
 *
 * <pre>{@code
 * DeploymentOptions options = DeploymentOptions.builder().tms231Reads(Tms231Reads.ALWAYS_SCAN).build();
 * }</pre>
 */
public enum Tms231Reads {
  /**
   * Use the single reads where they take no more calls than the queue listing, and fall back to the listing for
   * the client's lifetime once a service shows it does not serve them (the default).
   */
  AUTO,
  /** Never call the 2.3.1 endpoints; read the queue listing as before 2.3.1. */
  ALWAYS_SCAN
}
