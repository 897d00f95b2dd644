/**
 * A durable outbox for SAP Cloud ALM deployment calls: exports, imports and retries are stored first and sent
 * later, in packages, step by step, through Cloud ALM outages and restarts of the relay itself. One node stores its
 * outbox in SQLite; several share one PostgreSQL. The user picks the JDBC driver.
 *
 * <pre>{@code
 * try (RelayStore store = RelayStore.open("calm-relay.db");
 *     Relay relay = Relay.builder().client(calm).store(store).build()) {
 *   long id = relay.submit(ExportRequest.builder().node("DEV").file(Path.of("app.mtar"))
 *       .contentType(ContentType.MTA).description("App 1.2").build());
 *   relay.runOnce();
 * }
 * }</pre>
 */
module io.github.calmsdk.relay {
  requires transitive io.github.calmsdk.client;
  requires transitive java.sql;
  requires org.slf4j;

  exports io.github.calmsdk.relay;
}
