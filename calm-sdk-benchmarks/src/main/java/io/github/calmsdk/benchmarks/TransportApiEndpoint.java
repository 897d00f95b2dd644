package io.github.calmsdk.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback transport-management API ({@code /imp-cdm-transport-management-api/v1/v2/...}): canned answers in the
 * shapes of reference/transport-management-v2.md. Upload bodies are read and thrown away; their lengths are
 * counted.
 */
final class TransportApiEndpoint implements HttpHandler {
  static final String ROOT = "/imp-cdm-transport-management-api/v1/v2";
  static final long NODE_ID = 4711;

  private final byte[] listing;
  private final AtomicLong lastUploadBytes = new AtomicLong(-1);
  private final AtomicLong uploads = new AtomicLong();
  private final AtomicLong fileIds = new AtomicLong(1000);

  TransportApiEndpoint(int transportRequests) {
    this.listing = transportRequests(transportRequests);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    try {
      if (method.equals("GET") && path.equals(ROOT + "/nodes/" + NODE_ID + "/transportRequests")) {
        Loopback.json(exchange, 200, listing);
      } else if (method.equals("POST") && path.equals(ROOT + "/files/upload")) {
        long n = Loopback.drain(exchange);
        lastUploadBytes.set(n);
        uploads.incrementAndGet();
        long id = fileIds.incrementAndGet();
        Loopback.json(
            exchange, 201, ("{\"fileId\":" + id + ",\"fileName\":\"export.mtar\"}").getBytes(StandardCharsets.UTF_8));
      } else if (method.equals("POST") && path.equals(ROOT + "/nodes/export")) {
        Loopback.drain(exchange);
        Loopback.json(
            exchange,
            200,
            ("{\"transportRequestId\":" + fileIds.get() + ",\"transportRequestDescription\":\"bench export\","
                    + "\"queueEntries\":[{\"queueId\":1,\"nodeId\":4712,\"nodeName\":\"QAS_NODE\"}]}")
                .getBytes(StandardCharsets.UTF_8));
      } else {
        Loopback.drain(exchange);
        Loopback.json(exchange, 404, "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
      }
    } finally {
      exchange.close();
    }
  }

  long lastUploadBytes() {
    return lastUploadBytes.get();
  }

  long uploads() {
    return uploads.get();
  }

  /** {@code {transportRequests:[...]}} with n transport requests of one entry each. */
  static byte[] transportRequests(int n) {
    String[] statuses = {"initial", "running", "succeeded", "error", "fatal", "repeat", "skipped", "warning"};
    StringBuilder sb = new StringBuilder("{\"transportRequests\":[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      long id = 170_000 + i;
      sb.append("{\"id\":").append(id)
          .append(",\"status\":\"").append(statuses[i % statuses.length]).append('"')
          .append(",\"archived\":false")
          .append(",\"position\":").append(i + 1)
          .append(",\"createdBy\":\"sb-calm-deploy!b1234\"")
          .append(",\"createdByNamedUser\":\"jane.doe@example.com\"")
          .append(",\"createdAt\":\"2026-11-").append(10 + i % 10).append("T08:").append(10 + i % 50)
          .append(":05.123Z\"")
          .append(",\"queuedAt\":\"2026-11-").append(10 + i % 10).append("T08:").append(10 + i % 50)
          .append(":07.456Z\"")
          .append(",\"description\":\"Release 2026.11 hotfix ").append(i).append(": payment run bank format\"")
          .append(",\"origin\":\"DEV_NODE\"")
          .append(",\"entries\":[{\"id\":").append(900_000 + i)
          .append(",\"storageType\":\"FILE\",\"contentType\":\"MTA\",\"uri\":\"").append(500_000 + i)
          .append("\"}]}");
    }
    return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }
}
