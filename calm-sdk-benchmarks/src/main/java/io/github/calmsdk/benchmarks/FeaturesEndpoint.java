package io.github.calmsdk.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Features OData service ({@code /calm-features/v1/Features}) with {@code total} generated features,
 * served in {@code $top}/{@code $skip} windows. Pages are generated per request; the server keeps nothing.
 */
final class FeaturesEndpoint implements HttpHandler {
  static final String PATH = "/calm-features/v1/Features";

  private volatile int total;
  private final AtomicInteger pages = new AtomicInteger();

  void total(int total) {
    this.total = total;
  }

  int pages() {
    return pages.get();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      Loopback.drain(exchange);
      int top = 100;
      int skip = 0;
      String q = exchange.getRequestURI().getRawQuery();
      if (q != null) {
        for (String p : q.split("&")) {
          int eq = p.indexOf('=');
          String name = URLDecoder.decode(p.substring(0, Math.max(0, eq)), StandardCharsets.UTF_8);
          String value = eq < 0 ? "" : p.substring(eq + 1);
          if (name.equals("$top")) {
            top = Integer.parseInt(value);
          } else if (name.equals("$skip")) {
            skip = Integer.parseInt(value);
          }
        }
      }
      pages.incrementAndGet();
      Loopback.json(exchange, 200, page(skip, Math.max(0, Math.min(top, total - skip))));
    } finally {
      exchange.close();
    }
  }

  static byte[] page(int skip, int n) {
    StringBuilder sb = new StringBuilder(n * 700 + 64).append("{\"@odata.context\":\"$metadata#Features\",\"value\":[");
    for (int i = 0; i < n; i++) {
      int k = skip + i;
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"uuid\":\"").append(String.format("%08x-7d4c-4e1a-9c3b-%012x", k, (long) k * 7919))
          .append("\",\"displayId\":\"6-").append(k + 1)
          .append("\",\"title\":\"Payment run: new bank format, part ").append(k + 1)
          .append("\",\"description\":\"<p>Adapt the payment medium workbench to the new bank format; see the"
              + " specification attached to the feature.</p>\"")
          .append(",\"projectId\":\"3f9c2a10-5b1e-4c7d-8e2f-0a1b2c3d4e5f\"")
          .append(",\"statusCode\":\"").append(k % 3 == 0 ? "CALMFEATURE_IN_TESTING" : "CALMFEATURE_IN_IMPL")
          .append("\",\"priorityCode\":").append(10 * (1 + k % 4))
          .append(",\"releaseId\":\"rel-2026-11\",\"scopeId\":\"scope-fin\",\"responsibleId\":\"jane.doe@example.com\"")
          .append(",\"workstreamId\":\"ws-finance\",\"type\":\"CALMFEATURE_TYPE_FEATURE\"")
          .append(",\"tags\":[\"finance\",\"bank\"]")
          .append(",\"createdAt\":\"2026-10-01T08:00:00Z\",\"modifiedAt\":\"2026-11-20T16:45:12.345Z\"}");
    }
    return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }
}
