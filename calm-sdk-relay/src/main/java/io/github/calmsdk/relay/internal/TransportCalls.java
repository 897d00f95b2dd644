package io.github.calmsdk.relay.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.CallOptions;
import io.github.calmsdk.core.http.MultipartBody;
import io.github.calmsdk.deployment.ExportMode;
import io.github.calmsdk.deployment.TransportRequestId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two export calls the relay makes one by one so that each result is persisted before the next call: upload
 * one file ({@code POST /v2/files/upload}) and create the transport request ({@code POST /v2/nodes/export} or
 * {@code /upload}). DeploymentClient's {@code export} does both in one call, which leaves no point to persist the
 * file ids in between; once the deployment module offers the two steps publicly, this class should delegate to
 * them.
 */
public final class TransportCalls {
  private final HttpPipeline pipeline;
  private final String root;
  private final String versionPath;

  /**
   * Calls under a transport API root.
   *
   * @param root for example {@code https://eu10.alm.cloud.sap/api/imp-cdm-transport-management-api/v1/v2}
   * @param versionPath the version path, for URL templates, such as {@code /v2}
   */
  public TransportCalls(HttpPipeline pipeline, URI root, String versionPath) {
    this.pipeline = pipeline;
    String r = root.toString();
    while (r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    this.root = r;
    this.versionPath = versionPath;
  }

  /** Uploads one file and returns its file id. An upload can be repeated safely: an unused file creates nothing. */
  public long upload(Path file, String name, String namedUser, Duration timeout) {
    MultipartBody.Builder b = MultipartBody.builder().file("file", file, name, "application/octet-stream");
    if (namedUser != null) {
      b.field("namedUser", namedUser);
    }
    MultipartBody body = b.build();
    CalmRequest.Builder request = CalmRequest.post(URI.create(root + "/files/upload"))
        .header("Accept", "application/json")
        .body(body.publisher(), body.contentType())
        .operation("relay.upload")
        .urlTemplate(versionPath + "/files/upload");
    if (timeout != null) {
      request.options(CallOptions.builder().timeout(timeout).attemptTimeout(timeout).build());
    }
    CalmResponse response = pipeline.send(request.build());
    JsonNode json = json(response);
    JsonNode id = json.get("fileId");
    if (id == null || !id.canConvertToLong()) {
      throw response.decodingFailure("the upload's answer has no fileId", null);
    }
    return id.asLong();
  }

  /** Creates the transport request holding the entries. */
  public TransportRequestId create(Payloads.Export e, List<String> uris) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("contentType", e.contentType().value());
    body.put("storageType", e.storageType().value());
    body.put("nodeName", e.node());
    body.put("description", e.description());
    if (e.namedUser() != null) {
      body.put("namedUser", e.namedUser());
    }
    body.put("entries", uris.stream().map(u -> Map.of("uri", u)).toList());
    String path = e.mode() == ExportMode.UPLOAD_ONLY ? "/nodes/upload" : "/nodes/export";
    CalmRequest request = CalmRequest.post(URI.create(root + path))
        .header("Accept", "application/json")
        .jsonBody(Payloads.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .operation(e.mode() == ExportMode.UPLOAD_ONLY ? "relay.upload-into-node" : "relay.export")
        .urlTemplate(versionPath + path)
        .build();
    CalmResponse response = pipeline.send(request);
    JsonNode id = json(response).get("transportRequestId");
    if (id == null || !id.canConvertToLong()) {
      throw response.decodingFailure("the create call's answer has no transportRequestId", null);
    }
    return TransportRequestId.of(id.asLong());
  }

  private static JsonNode json(CalmResponse response) {
    try {
      return Payloads.mapper().readTree(response.body());
    } catch (java.io.IOException ex) {
      CalmDecodingException d = response.decodingFailure("the answer is not JSON", ex);
      throw d;
    }
  }
}
