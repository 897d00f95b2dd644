/**
 * The transport layer of calm-sdk-java: an HTTP pipeline on {@code java.net.http}, retries, JSON and typed
 * errors. It knows nothing about OAuth or Cloud ALM paths.
 *
 * <pre>{@code
 * ClientContext context = ClientContext.builder().callTimeout(Duration.ofSeconds(30)).build();
 * CalmResponse response = context.pipeline().send(CalmRequest.get(URI.create("https://example.org/api/ping")).build());
 * }</pre>
 */
module io.github.calmsdk.core {
  requires transitive java.net.http;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires org.slf4j;

  exports io.github.calmsdk.core;
  exports io.github.calmsdk.core.error;
  exports io.github.calmsdk.core.event;
  exports io.github.calmsdk.core.http;
  exports io.github.calmsdk.core.json;
  exports io.github.calmsdk.core.retry;
  // shared implementation (redaction, URL rules, error mapping) for the SDK's own modules only
  exports io.github.calmsdk.core.internal to
      io.github.calmsdk.auth,
      io.github.calmsdk.features,
      io.github.calmsdk.deployment,
      io.github.calmsdk.client;
}
