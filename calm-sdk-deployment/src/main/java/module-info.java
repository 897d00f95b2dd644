/**
 * Typed export, import, retry and status changes of transport requests through SAP Cloud ALM's pass-through to the
 * transport management API. Most applications get a {@code DeploymentClient} from {@code CalmClient}
 * (calm-sdk-client).
 *
 * <pre>{@code
 * DeploymentClient deployment = DeploymentClient.create(clientContext, URI.create("https://eu10.alm.cloud.sap/api"));
 * deployment.nodes().forEach(n -> System.out.println(n.name()));
 * }</pre>
 */
module io.github.calmsdk.deployment {
  requires transitive io.github.calmsdk.core;
  requires org.slf4j;

  exports io.github.calmsdk.deployment;

  opens io.github.calmsdk.deployment to
      com.fasterxml.jackson.databind;
  opens io.github.calmsdk.deployment.internal to
      com.fasterxml.jackson.databind;
}
