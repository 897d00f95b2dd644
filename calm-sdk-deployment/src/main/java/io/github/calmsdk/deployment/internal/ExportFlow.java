package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.http.MultipartBody;
import io.github.calmsdk.core.http.UploadProgressListener;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.ExportMode;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.Node;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.QueueEntry;
import io.github.calmsdk.deployment.StorageType;
import io.github.calmsdk.deployment.TransportEntry;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.deployment.UnresolvedOutcomeException;
import io.github.calmsdk.deployment.UploadedFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export: upload each file, then create one transport request; when the create call's answer is lost, find the
 * transport request in the queues instead of sending it again.
 */
final class ExportFlow {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.deployment");
  private static final String ALL_CODES = TransportQueryCodes.ALL;

  private final TransportApi api;
  private final DeploymentOptions options;

  ExportFlow(TransportApi api, DeploymentOptions options) {
    this.api = api;
    this.options = options;
  }

  ExportResult run(ExportRequest request) {
    List<UploadedFile> uploaded = new ArrayList<>();
    List<String> uris = new ArrayList<>();
    if (request.files().isEmpty()) {
      uris.addAll(request.references());
    } else {
      List<MultipartBody> bodies = bodies(request);
      Duration timeout = request.timeout() != null ? request.timeout() : options.uploadTimeout();
      for (int i = 0; i < bodies.size(); i++) {
        Wire.FileUploaded f = upload(bodies.get(i), timeout, request.files().get(i));
        uploaded.add(new UploadedFile(f.fileId(), f.fileName()));
        uris.add(Long.toString(f.fileId()));
      }
    }
    Instant started = api.context().clock().instant();
    byte[] body = api.json(createBody(request, uris));
    try {
      TransportApi.Created c = api.create(request.mode(), body);
      return new ExportResult(
          c.id(),
          c.description() != null ? c.description() : request.description(),
          c.queueEntries(),
          uploaded,
          false);
    } catch (CalmAmbiguousOutcomeException lost) {
      LOG.info(
          "The answer to {} was lost; looking for the transport request in the queues instead of sending it again",
          api.path(request.mode() == ExportMode.UPLOAD_ONLY ? "/nodes/upload" : "/nodes/export"));
      return recover(request, uris, uploaded, started, lost);
    } catch (CalmDecodingException unreadable) {
      if (unreadable.status() < 200 || unreadable.status() >= 300) {
        throw unreadable;
      }
      // a 2xx answer that cannot be read: the transport request was created, only its id is unknown; reported as a
      // plain failure it would invite a second export, so it is settled from the queues like a lost answer
      String path = api.path(request.mode() == ExportMode.UPLOAD_ONLY ? "/nodes/upload" : "/nodes/export");
      LOG.info("The answer to {} was unreadable; looking for the transport request in the queues", path);
      return recover(request, uris, uploaded, started,
          new CalmAmbiguousOutcomeException(
              "outcome unknown: " + path + " answered HTTP " + unreadable.status() + " but the answer is unreadable ("
                  + unreadable.summary() + ")",
              unreadable.details(),
              unreadable));
    }
  }

  /** The body of {@code /v2/nodes/export} and {@code /upload}, in the field order Project Piper sends. */
  static Map<String, Object> createBody(ExportRequest request, List<String> uris) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("contentType", request.contentType().value());
    body.put("storageType", request.storageType().value());
    body.put("nodeName", request.node().value());
    body.put("description", request.description());
    if (request.namedUser() != null) {
      body.put("namedUser", request.namedUser());
    }
    List<Map<String, String>> entries = new ArrayList<>();
    for (String uri : uris) {
      entries.add(Map.of("uri", uri));
    }
    body.put("entries", entries);
    return body;
  }

  /** All bodies are built before the first upload, so an unreadable file fails before anything is sent. */
  private static List<MultipartBody> bodies(ExportRequest request) {
    List<MultipartBody> bodies = new ArrayList<>();
    long[] offsets = new long[request.files().size()];
    long[] total = new long[1];
    UploadProgressListener listener = request.progress();
    for (int i = 0; i < request.files().size(); i++) {
      Path file = request.files().get(i);
      int index = i;
      MultipartBody.Builder b = MultipartBody.builder().file("file", file, "application/octet-stream");
      if (request.namedUser() != null) {
        b.field("namedUser", request.namedUser());
      }
      if (listener != null) {
        b.progress((sent, length) -> listener.onProgress(offsets[index] + sent, total[0]));
      }
      bodies.add(b.build());
    }
    long sum = 0;
    for (int i = 0; i < bodies.size(); i++) {
      offsets[i] = sum;
      sum += bodies.get(i).contentLength();
    }
    total[0] = sum;
    return bodies;
  }

  /**
   * Uploads one file. An upload whose answer was lost is sent again (up to {@code uploadAttempts}): a file that
   * is in no transport request creates nothing and expires, so a second copy cannot cause a duplicate transport
   * request.
   */
  private Wire.FileUploaded upload(MultipartBody body, Duration timeout, Path file) {
    CalmAmbiguousOutcomeException first = null;
    for (int attempt = 1; ; attempt++) {
      try {
        return api.upload(body, timeout);
      } catch (CalmAmbiguousOutcomeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
        if (attempt >= options.uploadAttempts()) {
          throw first;
        }
        LOG.info(
            "The answer to the upload of {} was lost (attempt {} of {}); uploading it again, which is safe:"
                + " an unused file creates no transport request",
            file.getFileName(),
            attempt,
            options.uploadAttempts());
      }
    }
  }

  private ExportResult recover(
      ExportRequest request,
      List<String> uris,
      List<UploadedFile> uploaded,
      Instant started,
      CalmAmbiguousOutcomeException lost) {
    List<String> checks = new ArrayList<>();
    String what =
        (request.mode() == ExportMode.UPLOAD_ONLY ? "upload into node " : "export from node ")
            + request.node()
            + " (entries " + uris + ")";
    try {
      List<Node> nodes = api.nodes();
      checks.add("GET " + api.path("/nodes") + ": " + nodes.size() + " nodes");
      Node source =
          nodes.stream().filter(n -> n.name().equals(request.node())).findFirst().orElse(null);
      if (source == null) {
        throw unresolved(
            "outcome unknown: the answer to the " + what + " was lost, and node " + request.node()
                + " is not in the node list, so its queues cannot be searched; do not export again before"
                + " checking the landscape in Cloud ALM",
            checks, lost);
      }
      List<Node> candidates = candidates(request.mode(), source, nodes, checks);
      Instant from = started.minus(options.recoveryWindow());
      Map<TransportRequestId, TransportRequest> found = new LinkedHashMap<>();
      Map<TransportRequestId, List<Node>> where = new LinkedHashMap<>();
      for (Node n : candidates) {
        List<TransportRequest> trs =
            api.transportRequests(n.id().value(), ALL_CODES, from, null, null, null, null);
        List<TransportRequest> matches =
            trs.stream().filter(t -> matches(t, request, uris, from)).collect(Collectors.toList());
        checks.add(
            "GET " + api.path(api.transportRequestsPath(n.id().value())) + " (node " + n.name() + "): "
                + (matches.isEmpty()
                    ? "no transport request with these entries among " + trs.size()
                    : "found " + matches.stream().map(t -> t.id().toString()).collect(Collectors.joining(", "))));
        for (TransportRequest t : matches) {
          found.putIfAbsent(t.id(), t);
          where.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(n);
        }
      }
      if (found.size() == 1) {
        TransportRequest tr = found.values().iterator().next();
        List<QueueEntry> entries = new ArrayList<>();
        for (Node n : where.get(tr.id())) {
          entries.add(new QueueEntry(OptionalLong.empty(), n.id(), n.name()));
        }
        LOG.info("Recovered transport request {} of the {} from the queues: {}", tr.id(), what, checks);
        return new ExportResult(
            tr.id(), tr.description() != null ? tr.description() : request.description(), entries, uploaded, true);
      }
      if (found.isEmpty()) {
        throw unresolved(
            "outcome unknown: the answer to the " + what + " was lost, and no queue searched holds a transport"
                + " request with these entries (yet); the service may still be creating it: look again before"
                + " exporting again. Checked: " + String.join("; ", checks),
            checks, lost);
      }
      throw unresolved(
          "outcome unknown: the answer to the " + what + " was lost, and several transport requests match ("
              + found.keySet() + "); decide which one is this export in Cloud ALM. Checked: "
              + String.join("; ", checks),
          checks, lost);
    } catch (UnresolvedOutcomeException e) {
      throw e;
    } catch (CalmException readFailure) {
      checks.add("reading the queues failed: " + readFailure.summary());
      UnresolvedOutcomeException e =
          unresolved(
              "outcome unknown: the answer to the " + what + " was lost, and the queues could not be read to"
                  + " settle it (" + readFailure.summary() + "); look in Cloud ALM before exporting again",
              checks, lost);
      e.addSuppressed(readFailure);
      throw e;
    }
  }

  /** Where the transport request must be: the node's own queue for upload, its follow-on nodes' for export. */
  private List<Node> candidates(ExportMode mode, Node source, List<Node> nodes, List<String> checks) {
    if (mode == ExportMode.UPLOAD_ONLY) {
      return List.of(source);
    }
    if (options.recoveryUsesRoutes()) {
      try {
        Set<Long> targets = new HashSet<>();
        for (Wire.Route r : api.routes()) {
          if (r.sourceNodeId() != null && r.targetNodeId() != null && r.sourceNodeId() == source.id().value()) {
            targets.add(r.targetNodeId());
          }
        }
        List<Node> follow =
            nodes.stream().filter(n -> targets.contains(n.id().value())).collect(Collectors.toList());
        checks.add(
            "GET " + api.path("/routes") + ": follow-on nodes of " + source.name() + ": "
                + follow.stream().map(n -> n.name().value()).collect(Collectors.toList()));
        if (!follow.isEmpty() && follow.size() == targets.size()) {
          return follow;
        }
        checks.add("routes incomplete; searching every other node");
      } catch (CalmException e) {
        checks.add("GET " + api.path("/routes") + " failed (" + e.summary() + "); searching every other node");
      }
    }
    List<NodeId> except = List.of(source.id());
    return nodes.stream().filter(n -> !except.contains(n.id())).collect(Collectors.toList());
  }

  /**
   * A file id is unique, so a transport request holding the uploaded file ids is this export's. References are not
   * unique: there the description must match too and the transport request must be recent.
   */
  private static boolean matches(TransportRequest t, ExportRequest request, List<String> uris, Instant from) {
    Set<String> have = t.entries().stream().map(TransportEntry::uri).collect(Collectors.toSet());
    if (!have.containsAll(uris)) {
      return false;
    }
    if (request.storageType().equals(StorageType.FILE)) {
      return true;
    }
    return request.description().equals(t.description())
        && (t.createdAt() == null || !t.createdAt().isBefore(from));
  }

  private static UnresolvedOutcomeException unresolved(
      String summary, List<String> checks, CalmAmbiguousOutcomeException lost) {
    return new UnresolvedOutcomeException(
        summary, lost.details(), checks, Map.<TransportRequestId, TransportStatus>of(), lost);
  }
}
