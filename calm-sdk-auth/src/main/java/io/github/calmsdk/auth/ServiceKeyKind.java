package io.github.calmsdk.auth;

/**
 * Which service a key is for, detected from its shape.
 *
 * <pre>{@code
 * ServiceKey key = ServiceKey.fromFile(Path.of("key.json"));
 * if (key.kind() == ServiceKeyKind.TRANSPORT_MANAGEMENT) {
 *   // transports only: features need a Cloud ALM key
 * }
 * }</pre>
 */
public enum ServiceKeyKind {
  /**
   * A Cloud ALM API key: {@code endpoints.Api} and {@code uaa}. Serves the Features API and, through Cloud ALM's
   * pass-through ({@code {Api}/imp-cdm-transport-management-api/v1}), which SAP's setup guide calls legacy, the
   * transport operations.
   */
  CLOUD_ALM,
  /**
   * A Cloud Transport Management (CTMS) service instance key: {@code uri} and {@code uaa}, no {@code endpoints}. The
   * transport management API is served at {@code {uri}/v2}. Serves the transport operations only.
   */
  TRANSPORT_MANAGEMENT
}
