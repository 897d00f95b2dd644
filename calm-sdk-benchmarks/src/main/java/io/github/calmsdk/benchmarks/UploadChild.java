package io.github.calmsdk.benchmarks;

import io.github.calmsdk.core.ClientContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.QueueEntry;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.UploadedFile;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One side of figure 3, run by {@link UploadThroughput} in a child JVM with a small heap ({@code -Xmx64m}): exports
 * the file W + M times and prints one {@code ITER <seconds>} line per measured export, then the heap figures.
 *
 * <ul>
 *   <li>{@code sdk}: {@link DeploymentClient#export(ExportRequest)}: the SDK's streamed multipart upload ({@code POST
 *       /v2/files/upload}) and the create call ({@code POST /v2/nodes/export}).
 *   <li>{@code baseline}: the same two calls by hand on java.net.http: the same multipart bytes (another random
 *       boundary of the same length) from {@code BodyPublishers.concat(ofByteArray, ofFile, ofByteArray)}, then
 *       the same JSON, decoded with Jackson into the same public records.
 * </ul>
 */
public final class UploadChild {
  private UploadChild() {}

  public static void main(String[] args) throws Exception {
    String side = Results.arg(args, "--side", "sdk");
    URI base = URI.create(Results.arg(args, "--base", null));
    Path file = Path.of(Results.arg(args, "--file", null));
    int warmup = Integer.parseInt(Results.arg(args, "--warmup", "1"));
    int iterations = Integer.parseInt(Results.arg(args, "--iterations", "2"));

    Exporter exporter = side.equals("sdk") ? sdk(base) : new Baseline(base);
    for (int i = 0; i < warmup + iterations; i++) {
      long t0 = System.nanoTime();
      ExportResult r = exporter.export(file);
      long nanos = System.nanoTime() - t0;
      if (r.transportRequestId() == null || r.uploadedFiles().size() != 1) {
        throw new IllegalStateException("unexpected result " + r);
      }
      if (i >= warmup) {
        System.out.println("ITER " + nanos / 1e9);
      }
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    long gcs = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcs += Math.max(0, gc.getCollectionCount());
    }
    System.out.println("PEAKHEAP " + peak);
    System.out.println("MAXHEAP " + Runtime.getRuntime().maxMemory());
    System.out.println("GCS " + gcs);
  }

  interface Exporter {
    ExportResult export(Path file) throws Exception;
  }

  private static Exporter sdk(URI base) {
    ClientContext context = ClientContext.builder().authorization(new StaticToken()).build();
    DeploymentClient client =
        DeploymentClient.create(
            context, base, DeploymentOptions.builder().uploadTimeout(Duration.ofMinutes(30)).build());
    return file ->
        client.export(
            ExportRequest.builder()
                .node(NodeName.of("DEV_NODE"))
                .file(file)
                .contentType(ContentType.MTA)
                .description("bench export")
                .build());
  }

  /** java.net.http and Jackson by hand, the same calls and bytes. */
  static final class Baseline implements Exporter {
    private final HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final URI upload;
    private final URI export;

    Baseline(URI base) {
      this.upload = URI.create(base + TransportApiEndpoint.ROOT + "/files/upload");
      this.export = URI.create(base + TransportApiEndpoint.ROOT + "/nodes/export");
    }

    @Override
    public ExportResult export(Path file) throws Exception {
      String boundary = "calm-" + UUID.randomUUID().toString().replace("-", "");
      byte[] head =
          ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8);
      byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
      HttpRequest up =
          HttpRequest.newBuilder(upload)
              .timeout(Duration.ofMinutes(30))
              .header("Authorization", StaticToken.HEADER)
              .header("Accept", "application/json")
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(
                  BodyPublishers.concat(
                      BodyPublishers.ofByteArray(head), BodyPublishers.ofFile(file), BodyPublishers.ofByteArray(tail)))
              .build();
      HttpResponse<byte[]> r1 = http.send(up, HttpResponse.BodyHandlers.ofByteArray());
      if (r1.statusCode() / 100 != 2) {
        throw new IllegalStateException("upload answered " + r1.statusCode());
      }
      JsonNode uploaded = mapper.readTree(r1.body());
      long fileId = uploaded.get("fileId").asLong();
      String json =
          "{\"contentType\":\"MTA\",\"storageType\":\"FILE\",\"nodeName\":\"DEV_NODE\",\"description\":\"bench export\","
              + "\"entries\":[{\"uri\":\"" + fileId + "\"}]}";
      HttpRequest create =
          HttpRequest.newBuilder(export)
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", StaticToken.HEADER)
              .header("Accept", "application/json")
              .header("Content-Type", "application/json")
              .POST(BodyPublishers.ofString(json))
              .build();
      HttpResponse<byte[]> r2 = http.send(create, HttpResponse.BodyHandlers.ofByteArray());
      if (r2.statusCode() / 100 != 2) {
        throw new IllegalStateException("export answered " + r2.statusCode());
      }
      JsonNode created = mapper.readTree(r2.body());
      JsonNode q = created.get("queueEntries").get(0);
      return new ExportResult(
          TransportRequestId.of(created.get("transportRequestId").asLong()),
          created.get("transportRequestDescription").asText(),
          List.of(
              new QueueEntry(
                  OptionalLong.of(q.get("queueId").asLong()),
                  NodeId.of(q.get("nodeId").asLong()),
                  NodeName.of(q.get("nodeName").asText()))),
          List.of(new UploadedFile(fileId, uploaded.get("fileName").asText())),
          false);
    }
  }
}
