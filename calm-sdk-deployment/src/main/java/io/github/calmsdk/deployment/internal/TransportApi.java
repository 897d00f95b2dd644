package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.CallOptions;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.retry.RetryPolicy;
import java.util.HashSet;
import java.util.Set;
import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.http.MultipartBody;
import io.github.calmsdk.core.json.JsonCodec;
import io.github.calmsdk.deployment.ActionId;
import io.github.calmsdk.deployment.ActionLog;
import io.github.calmsdk.deployment.ExportMode;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.MtaExtDescriptor;
import io.github.calmsdk.deployment.Node;
import io.github.calmsdk.deployment.QueueEntry;
import io.github.calmsdk.deployment.StatusFilter;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportRequestLog;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The calls of the transport management API, one method each; no flow logic. */
final class TransportApi {
  /** The time format of the query parameters. */
  static final DateTimeFormatter QUERY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final String JSON_UTF8 = "application/json;charset=UTF-8";
  private static final String ACCEPT = "application/json";

  private final ClientContext context;
  private final HttpPipeline pipeline;
  private final JsonCodec codec;
  private final String root;
  private final String versionPath;
  private final StatusFilter statusFilter;

  TransportApi(ClientContext context, String root, String versionPath, StatusFilter statusFilter) {
    this.context = context;
    this.pipeline = context.pipeline();
    this.statusFilter = statusFilter;
    this.codec = context.codec();
    this.root = root;
    this.versionPath = versionPath;
  }

  /** The client's context: clock, sleeper, executor, listener. */
  ClientContext context() {
    return context;
  }

  /** The path of a call as reported in checks, such as {@code /v2/nodes}. */
  String path(String relative) {
    return versionPath + relative;
  }

  URI uri(String relative) {
    return URI.create(root + relative);
  }

  byte[] json(Map<String, ?> body) {
    return codec.encode(body);
  }

  List<Node> nodes() {
    return get(
        "transport.nodes", "/nodes", "/nodes", Wire.Nodes.class, n -> Mapping.list(n.nodes(), Mapping::node));
  }

  List<Wire.Route> routes() {
    return get("transport.routes", "/routes", "/routes", Wire.Routes.class, r -> Mapping.list(r.routes(), x -> x));
  }

  /**
   * Uploads a file. Unlike the other state-changing calls, an upload is resent after a 503: whether or not the
   * service stored the first copy, a file that is in no transport request creates nothing and expires, so a second
   * copy cannot cause a duplicate.
   */
  Wire.FileUploaded upload(MultipartBody body, Duration timeout) {
    RetryPolicy policy = context.retryPolicy();
    Set<Integer> resent = new HashSet<>(policy.stateChangingRetryableStatuses());
    resent.add(503);
    CalmRequest request =
        CalmRequest.post(uri("/files/upload"))
            .header("Accept", ACCEPT)
            .body(body.publisher(), body.contentType())
            .operation("transport.upload")
            .urlTemplate(versionPath + "/files/upload")
            .options(
                CallOptions.builder()
                    .timeout(timeout)
                    .attemptTimeout(timeout)
                    .retryPolicy(policy.toBuilder().stateChangingRetryableStatuses(resent).build())
                    .build())
            .build();
    return decode(pipeline.send(request), Wire.FileUploaded.class, f -> {
      Mapping.required(f.fileId(), "fileId");
      return f;
    });
  }

  /** The mapped answer of a create call. */
  record Created(TransportRequestId id, String description, List<QueueEntry> queueEntries) {}

  Created create(ExportMode mode, byte[] json) {
    String path = mode == ExportMode.UPLOAD_ONLY ? "/nodes/upload" : "/nodes/export";
    CalmRequest request =
        CalmRequest.post(uri(path))
            .header("Accept", ACCEPT)
            .jsonBody(json)
            .operation(createOperation(mode))
            .urlTemplate(versionPath + path)
            .build();
    return decode(
        pipeline.send(request),
        Wire.TransportRequestCreated.class,
        c ->
            new Created(
                TransportRequestId.of(Mapping.required(c.transportRequestId(), "transportRequestId")),
                c.transportRequestDescription(),
                Mapping.list(c.queueEntries(), Mapping::queueEntry)));
  }

  List<TransportRequest> transportRequests(
      long nodeId,
      String statusCodes,
      Instant createdAtFrom,
      Instant createdAtTo,
      Instant queuedAtFrom,
      Instant queuedAtTo,
      String owner) {
    if (statusFilter == StatusFilter.COMMA_LIST || !statusCodes.contains(",")) {
      return listing(nodeId, statusCodes, createdAtFrom, createdAtTo, queuedAtFrom, queuedAtTo, owner);
    }
    Map<TransportRequestId, TransportRequest> merged = new LinkedHashMap<>();
    for (String code : statusCodes.split(",")) {
      for (TransportRequest t :
          listing(nodeId, code, createdAtFrom, createdAtTo, queuedAtFrom, queuedAtTo, owner)) {
        merged.putIfAbsent(t.id(), t);
      }
    }
    return List.copyOf(merged.values());
  }

  private List<TransportRequest> listing(
      long nodeId,
      String statusCodes,
      Instant createdAtFrom,
      Instant createdAtTo,
      Instant queuedAtFrom,
      Instant queuedAtTo,
      String owner) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("status", statusCodes);
    putTime(q, "createdAtFrom", createdAtFrom);
    putTime(q, "createdAtTo", createdAtTo);
    putTime(q, "queuedAtFrom", queuedAtFrom);
    putTime(q, "queuedAtTo", queuedAtTo);
    if (owner != null) {
      q.put("owner", URLEncoder.encode(owner, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    StringBuilder sb = new StringBuilder(transportRequestsPath(nodeId)).append('?');
    String sep = "";
    for (Map.Entry<String, String> e : q.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = "&";
    }
    return get(
        "transport.list",
        "/nodes/{nodeId}/transportRequests",
        sb.toString(),
        Wire.TransportRequests.class,
        t -> Mapping.list(t.transportRequests(), Mapping::transportRequest));
  }

  String transportRequestsPath(long nodeId) {
    return "/nodes/" + nodeId + "/transportRequests";
  }

  Wire.ActionStarted importTransports(long nodeId, byte[] json, boolean all) {
    String verb = all ? "/importAll" : "/import";
    CalmRequest request =
        CalmRequest.post(uri(transportRequestsPath(nodeId) + verb))
            .header("Accept", ACCEPT)
            .body(BodyPublishers.ofByteArray(json), JSON_UTF8)
            .operation(importOperation(all))
            .urlTemplate(versionPath + "/nodes/{nodeId}/transportRequests" + verb)
            .build();
    return decode(pipeline.send(request), Wire.ActionStarted.class, a -> {
      Mapping.required(a.actionId(), "actionId");
      return a;
    });
  }

  /** forward, reset or remove: 204 without a body. */
  void transition(long nodeId, String verb, byte[] json) {
    pipeline.send(
        CalmRequest.post(uri(transportRequestsPath(nodeId) + "/" + verb))
            .header("Accept", ACCEPT)
            .body(BodyPublishers.ofByteArray(json), JSON_UTF8)
            .operation("transport." + verb)
            .urlTemplate(versionPath + "/nodes/{nodeId}/transportRequests/" + verb)
            .build());
  }

  /** The operation name of a create call, as listeners see it. */
  static String createOperation(ExportMode mode) {
    return mode == ExportMode.UPLOAD_ONLY ? "transport.uploadIntoNode" : "transport.export";
  }

  /** The operation name of an import call, as listeners see it. */
  static String importOperation(boolean all) {
    return all ? "transport.importAll" : "transport.import";
  }

  ImportOutcome action(ActionId id) {
    return get(
        "transport.action",
        "/actions/{actionId}",
        "/actions/" + id.value(),
        Wire.Action.class,
        a -> Mapping.outcome(a, id));
  }

  List<ActionLog> actionLogs(ActionId id) {
    return get(
        "transport.actionLogs",
        "/actions/{actionId}/logs",
        "/actions/" + id.value() + "/logs",
        Wire.ActionLogs.class, l -> Mapping.list(l.logs(), Mapping::actionLog));
  }

  List<TransportRequestLog> transportRequestLogs(long nodeId, long trId) {
    return get(
        "transport.logs",
        "/nodes/{nodeId}/transportRequests/{transportRequestId}/logs",
        transportRequestsPath(nodeId) + "/" + trId + "/logs",
        Wire.TransportRequestLogs.class,
        l -> Mapping.list(l.logs(), Mapping::transportRequestLog));
  }

  /**
   * Deletes an uploaded file that is in no transport request ({@code DELETE /v2/files/{fileId}}, TMS 2.2.1, 204). A
   * 404 counts as gone.
   */
  void deleteFile(long fileId) {
    try {
      pipeline.send(
          CalmRequest.delete(uri("/files/" + fileId))
              .header("Accept", ACCEPT)
              .operation("transport.deleteFile")
              .urlTemplate(versionPath + "/files/{fileId}")
              .build());
    } catch (CalmNotFoundException gone) {
      // already gone: nothing left on the quota
    }
  }

  /**
   * TMS 2.3.1 {@code GET /v2/nodes/{nodeId}/transportRequests/{id}}; its schema is not public. Read as a queue
   * element (the shape the listing has), unknown fields ignored; null when the answer has no {@code status}, which
   * the caller takes as "this endpoint does not give what is needed".
   */
  TransportRequest transportRequest(long nodeId, long trId) {
    return get(
        "transport.get",
        "/nodes/{nodeId}/transportRequests/{transportRequestId}",
        transportRequestsPath(nodeId) + "/" + trId,
        Wire.TransportRequest.class,
        t -> {
          if (t == null || t.status() == null || t.status().isBlank()) {
            return null;
          }
          return Mapping.transportRequest(
              t.id() != null
                  ? t
                  : new Wire.TransportRequest(trId, t.status(), t.archived(), t.position(), t.createdBy(),
                      t.createdByNamedUser(), t.createdAt(), t.queuedAt(), t.description(), t.origin(),
                      t.entries()));
        });
  }

  /** TMS 2.3.1 {@code GET /v2/transportRequests/{id}/tracking}; its schema is not public, so kept as a map. */
  @SuppressWarnings("unchecked")
  Map<String, Object> tracking(long trId) {
    return get(
        "transport.tracking",
        "/transportRequests/{transportRequestId}/tracking",
        "/transportRequests/" + trId + "/tracking",
        Map.class,
        m -> m == null ? Map.<String, Object>of() : (Map<String, Object>) m);
  }

  /** {@code GET /v2/nodes/{nodeId}/mtaExtDescriptors[?mtaId=&mtaVersion=]}. */
  List<MtaExtDescriptor> mtaExtDescriptors(long nodeId, String mtaId, String mtaVersion) {
    StringBuilder q = new StringBuilder();
    if (mtaId != null) {
      q.append("mtaId=").append(encode(mtaId));
    }
    if (mtaVersion != null) {
      q.append(q.length() == 0 ? "" : "&").append("mtaVersion=").append(encode(mtaVersion));
    }
    return get(
        "transport.mtaExtDescriptors",
        "/nodes/{nodeId}/mtaExtDescriptors",
        descriptorsPath(nodeId) + (q.length() == 0 ? "" : "?" + q),
        Wire.MtaExtDescriptors.class,
        d -> Mapping.list(d.mtaExtDescriptors(), Mapping::mtaExtDescriptor));
  }

  /**
   * {@code POST /v2/nodes/{nodeId}/mtaExtDescriptors} (201) when {@code id} is null, else {@code PUT
   * .../mtaExtDescriptors/{id}} (200): multipart, the named user in the header {@code tms-named-user}, as Piper
   * sends them.
   */
  MtaExtDescriptor putMtaExtDescriptor(long nodeId, Long id, MultipartBody body, String namedUser) {
    String relative = descriptorsPath(nodeId) + (id == null ? "" : "/" + id);
    CalmRequest.Builder b =
        (id == null ? CalmRequest.post(uri(relative)) : CalmRequest.put(uri(relative)))
            .header("Accept", ACCEPT)
            .body(body.publisher(), body.contentType())
            .operation(id == null ? "transport.createMtaExtDescriptor" : "transport.updateMtaExtDescriptor")
            .urlTemplate(versionPath + "/nodes/{nodeId}/mtaExtDescriptors" + (id == null ? "" : "/{id}"));
    if (namedUser != null) {
      b.header("tms-named-user", namedUser);
    }
    return decode(pipeline.send(b.build()), Wire.MtaExtDescriptor.class, Mapping::mtaExtDescriptor);
  }

  /** {@code DELETE /v2/nodes/{nodeId}/mtaExtDescriptors/{id}}: in no public client or spec; the testkit answers 204. */
  void deleteMtaExtDescriptor(long nodeId, long id) {
    pipeline.send(
        CalmRequest.delete(uri(descriptorsPath(nodeId) + "/" + id))
            .header("Accept", ACCEPT)
            .operation("transport.deleteMtaExtDescriptor")
            .urlTemplate(versionPath + "/nodes/{nodeId}/mtaExtDescriptors/{id}")
            .build());
  }

  private static String descriptorsPath(long nodeId) {
    return "/nodes/" + nodeId + "/mtaExtDescriptors";
  }

  private static String encode(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void putTime(Map<String, String> q, String name, Instant t) {
    if (t != null) {
      q.put(name, QUERY_TIME.format(t));
    }
  }

  /**
   * Sends a GET.
   *
   * @param operation the low-cardinality name listeners and metrics see, such as {@code transport.list}
   * @param template the path with placeholders, under the version path
   */
  private <T, R> R get(String operation, String template, String relative, Class<T> type, Function<T, R> map) {
    CalmRequest request =
        CalmRequest.get(uri(relative))
            .header("Accept", ACCEPT)
            .operation(operation)
            .urlTemplate(versionPath + template)
            .build();
    return decode(pipeline.send(request), type, map);
  }

  /**
   * Decodes a body and maps it; a value that does not fit the public types (a missing id, a node name over 30
   * characters) is reported as a decoding failure, never as the caller's validation error.
   */
  <T, R> R decode(CalmResponse response, Class<T> type, Function<T, R> map) {
    T value = response.decode(codec, type);
    try {
      return map.apply(value);
    } catch (CalmException | IllegalArgumentException e) {
      String problem = e instanceof CalmException ? ((CalmException) e).summary() : e.getMessage();
      throw response.decodingFailure("unexpected answer: " + problem, e);
    }
  }
}
