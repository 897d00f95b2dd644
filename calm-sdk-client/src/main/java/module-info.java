/**
 * The SDK's entry point, {@code CalmClient}: one client context (pipeline, codec, clock, sleeper, executor, retry
 * budget, listeners), the credentials of a service key, and the deployment and features clients built on it. It
 * sits above both service modules, so neither depends on the other.
 *
 * <pre>{@code
 * try (CalmClient calm = CalmClient.create(ServiceKey.fromEnvironment("CALM_SERVICE_KEY"))) {
 *   calm.deployment().nodes().forEach(n -> System.out.println(n.name()));
 * }
 * }</pre>
 */
module io.github.calmsdk.client {
  requires transitive io.github.calmsdk.core;
  requires transitive io.github.calmsdk.auth;
  requires transitive io.github.calmsdk.features;
  requires transitive io.github.calmsdk.deployment;
  requires org.slf4j;

  exports io.github.calmsdk.client;
}
