/**
 * Cloud ALM service keys, the OAuth2 client-credentials and X.509 token flows, and a token cache that refreshes
 * once however many threads ask. Plugs into calm-sdk-core's pipeline as its authorization stage.
 *
 * <pre>{@code
 * CalmCredentials creds = CalmCredentials.of(ServiceKey.fromEnvironment("CALM_SERVICE_KEY"));
 * HttpPipeline pipeline = ClientContext.builder().authorization(creds.bearerStage()).build().pipeline();
 * }</pre>
 */
module io.github.calmsdk.auth {
  requires transitive io.github.calmsdk.core;
  requires org.slf4j;

  exports io.github.calmsdk.auth;
}
