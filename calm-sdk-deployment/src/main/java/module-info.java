/**
 * The SDK's entry point, {@code CalmClient}, and typed export, import, retry and status changes of transport
 * requests through SAP Cloud ALM's pass-through to the transport management API.
 *
 * <pre>{@code
 * try (CalmClient calm = CalmClient.create(ServiceKey.fromEnvironment("CALM_SERVICE_KEY"))) {
 *   calm.deployment().nodes().forEach(n -> System.out.println(n.name()));
 * }
 * }</pre>
 */
module io.github.calmsdk.deployment {
  requires transitive io.github.calmsdk.core;
  requires transitive io.github.calmsdk.auth;
  requires transitive io.github.calmsdk.features;
  requires org.slf4j;

  exports io.github.calmsdk.deployment;

  opens io.github.calmsdk.deployment to
      com.fasterxml.jackson.databind;
  opens io.github.calmsdk.deployment.internal to
      com.fasterxml.jackson.databind;
}
