package io.github.calmsdk.deployment;

import java.util.List;
import java.util.Objects;

/**
 * The transport request an export created.
 *
 * <pre>{@code
 * ExportResult r = deployment.export(request);
 * System.out.println("TR " + r.transportRequestId() + (r.recovered() ? " (found after a lost answer)" : ""));
 * }</pre>
 *
 * @param transportRequestId the new transport request
 * @param description its description
 * @param queueEntries the queues it was put into
 * @param uploadedFiles the files uploaded for it, empty for references
 * @param recovered true when the answer to the create call was lost and the transport request was found by reading
 *     the queues instead (then the queue entry ids are unknown)
 */
public record ExportResult(
    TransportRequestId transportRequestId,
    String description,
    List<QueueEntry> queueEntries,
    List<UploadedFile> uploadedFiles,
    boolean recovered) {
  /** Checks the id and copies the lists. */
  public ExportResult {
    Objects.requireNonNull(transportRequestId, "transportRequestId");
    queueEntries = queueEntries == null ? List.of() : List.copyOf(queueEntries);
    uploadedFiles = uploadedFiles == null ? List.of() : List.copyOf(uploadedFiles);
  }
}
