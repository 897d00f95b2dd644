package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.http.MultipartBody;
import io.github.calmsdk.core.http.UploadProgressListener;
import io.github.calmsdk.core.event.AmbiguousOutcome.Resolution;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.ExportLookup;
import io.github.calmsdk.deployment.Finding;
import io.github.calmsdk.deployment.LostExport;
import io.github.calmsdk.deployment.ExportMode;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.deployment.UnresolvedOutcomeException;
import io.github.calmsdk.deployment.UploadedFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export: upload each file, then create one transport request; when the create call's answer is lost, find the
 * transport request in the queues instead of sending it again.
 */
final class ExportFlow {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.deployment");

  private final TransportApi api;
  private final DeploymentOptions options;
  private final DefaultOutcomeResolver resolver;

  ExportFlow(TransportApi api, DeploymentOptions options, DefaultOutcomeResolver resolver) {
    this.api = api;
    this.options = options;
    this.resolver = resolver;
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
        Wire.FileUploaded f;
        try {
          f = upload(bodies.get(i), timeout, request.files().get(i));
        } catch (CalmException e) {
          // the create call was never sent, so no transport request holds the files uploaded so far
          throw deleteOrphans(uploaded, e, "a later upload failed");
        }
        uploaded.add(new UploadedFile(f.fileId(), f.fileName()));
        uris.add(Long.toString(f.fileId()));
      }
    }
    try {
      return create(request, api.json(createBody(request, uris)), uris, uploaded, true);
    } catch (CalmException e) {
      if (refusedForSure(e)) {
        throw deleteOrphans(uploaded, e, "the service refused the " + api.path(
            request.mode() == ExportMode.UPLOAD_ONLY ? "/nodes/upload" : "/nodes/export") + " call");
      }
      throw e;
    }
  }

  /**
   * Whether a failed create call left no transport request for sure: the service answered 4xx, and no lost answer
   * was involved (an unresolved or ambiguous outcome, or a resend after one, leaves the files alone).
   */
  private static boolean refusedForSure(CalmException e) {
    if (e instanceof CalmAmbiguousOutcomeException || e instanceof UnresolvedOutcomeException) {
      return false;
    }
    for (Throwable s : e.getSuppressed()) {
      if (s instanceof CalmAmbiguousOutcomeException) {
        return false;
      }
    }
    return e.status() >= 400 && e.status() < 500;
  }

  /**
   * Deletes the files this export uploaded ({@code DELETE /v2/files/{fileId}}), so they do not stay on the tenant's
   * quota; best effort: a failed delete is added to the export's failure as suppressed, never replaces it.
   *
   * @return the export's failure
   */
  private CalmException deleteOrphans(List<UploadedFile> uploaded, CalmException failure, String why) {
    for (UploadedFile f : uploaded) {
      try {
        api.deleteFile(f.fileId());
        LOG.info("Deleted uploaded file {} ({}): {} and no transport request holds it", f.fileId(), f.fileName(),
            why);
      } catch (CalmException deleteFailed) {
        LOG.warn("Could not delete uploaded file {} after the export failed: {}", f.fileId(), deleteFailed.summary());
        failure.addSuppressed(deleteFailed);
      }
    }
    return failure;
  }

  /**
   * Sends the create call. A lost answer is settled from the queues: the transport request found is returned; when
   * none holds the entries and the answer was a status in {@link DeploymentOptions#resendWhenNotApplied()} (503),
   * the call is sent once more ({@code mayResend}); anything else is unresolved.
   */
  private ExportResult create(
      ExportRequest request, byte[] body, List<String> uris, List<UploadedFile> uploaded, boolean mayResend) {
    Instant started = api.context().clock().instant();
    String path = api.path(request.mode() == ExportMode.UPLOAD_ONLY ? "/nodes/upload" : "/nodes/export");
    CalmAmbiguousOutcomeException lost;
    try {
      TransportApi.Created c = api.create(request.mode(), body);
      return new ExportResult(
          c.id(),
          c.description() != null ? c.description() : request.description(),
          c.queueEntries(),
          uploaded,
          false);
    } catch (CalmAmbiguousOutcomeException e) {
      LOG.info("The answer to {} was lost; looking for the transport request in the queues", path);
      lost = e;
    } catch (CalmDecodingException unreadable) {
      if (unreadable.status() < 200 || unreadable.status() >= 300) {
        throw unreadable;
      }
      // a 2xx answer that cannot be read: the transport request was created, only its id is unknown; reported as a
      // plain failure it would invite a second export, so it is settled from the queues like a lost answer
      LOG.info("The answer to {} was unreadable; looking for the transport request in the queues", path);
      lost =
          new CalmAmbiguousOutcomeException(
              "outcome unknown: " + path + " answered HTTP " + unreadable.status() + " but the answer is unreadable ("
                  + unreadable.summary() + ")",
              unreadable.details(),
              unreadable);
    }
    String operation = TransportApi.createOperation(request.mode());
    String what =
        (request.mode() == ExportMode.UPLOAD_ONLY ? "upload into node " : "export from node ")
            + request.node()
            + " (entries " + uris + ")";
    ExportLookup look = resolver.findExport(LostExport.of(request, uris, started));
    Optional<ExportResult> found = look.found();
    if (found.isPresent()) {
      ExportResult r = found.get();
      LOG.info("Recovered transport request {} of the {} from the queues: {}", r.transportRequestId(), what,
          look.checks());
      resolver.report(operation, lost, Resolution.APPLIED, look.checks());
      return new ExportResult(r.transportRequestId(), r.description(), r.queueEntries(), uploaded, true);
    }
    if (look.finding() == Finding.NOT_FOUND && mayResend && options.resendWhenNotApplied().contains(lost.status())) {
      LOG.info("The {} answered HTTP {} and no queue holds its entries: it was not applied, sending it once more",
          what, lost.status());
      resolver.report(operation, lost, Resolution.NOT_APPLIED_RESENT, look.checks());
      try {
        return create(request, body, uris, uploaded, false);
      } catch (CalmException again) {
        again.addSuppressed(lost);
        throw again;
      }
    }
    resolver.report(operation, lost, Resolution.UNRESOLVED, look.checks());
    String advice;
    switch (look.finding()) {
      case NOT_FOUND:
        advice = "; the service may still be creating it: look again before exporting again. Checked: "
            + String.join("; ", look.checks());
        break;
      case SEVERAL:
        advice = "; decide which one is this export in Cloud ALM. Checked: " + String.join("; ", look.checks());
        break;
      default:
        advice = look.failure() != null
            ? "; look in Cloud ALM before exporting again"
            : "; do not export again before checking the landscape in Cloud ALM";
    }
    UnresolvedOutcomeException e =
        new UnresolvedOutcomeException(
            "outcome unknown: the answer to the " + what + " was lost, and " + look.summary() + advice,
            lost.details(),
            look.checks(),
            Map.<TransportRequestId, TransportStatus>of(),
            lost);
    if (look.failure() != null) {
      e.addSuppressed(look.failure());
    }
    throw e;
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
}
