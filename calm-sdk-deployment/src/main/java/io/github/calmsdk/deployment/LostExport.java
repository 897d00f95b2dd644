package io.github.calmsdk.deployment;

import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.core.error.CalmValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What is known of an export whose create call ({@code POST /v2/nodes/export} or {@code /upload}) lost its answer,
 * enough to find its transport request with {@link OutcomeResolver#findExport(LostExport)}. Every field can be
 * persisted and read back after a process restart: the node name, the mode, the entries (file ids as sent), the
 * description and the instant the create was sent.
 *
 * <pre>{@code
 * LostExport lost = LostExport.ofFiles(NodeName.of("DEV_NODE"), ExportMode.EXPORT, List.of(4711L), sentAt);
 * ExportLookup look = deployment.resolver().findExport(lost);
 * }</pre>
 *
 * @param node the node named in the create call (the source node of an export, the target of an upload-only)
 * @param mode export into the follow-on nodes' queues, or upload into the node's own queue
 * @param storageType {@code FILE} when the entries are file ids; references otherwise
 * @param entryUris the entries' URIs as sent: file ids as text for {@code FILE}, the reference URIs otherwise
 * @param description the transport request's description as sent; required for references (which are not
 *     unique, so the description must match too), may be null for files
 * @param sentAt when the create call was sent, on the client's clock; the search starts {@link
 *     DeploymentOptions#recoveryWindow()} before it
 */
public record LostExport(
    NodeName node,
    ExportMode mode,
    StorageType storageType,
    List<String> entryUris,
    String description,
    Instant sentAt) {
  /**
   * Checks the values.
   *
   * @throws CalmValidationException naming the missing field
   */
  public LostExport {
    Checks.present("node", node, "pass the node named in the create call");
    Checks.present("mode", mode, "pass ExportMode.EXPORT or UPLOAD_ONLY, as sent");
    Checks.present("storageType", storageType, "pass StorageType.FILE for file ids, or REFERENCE");
    entryUris = Checks.nonEmpty("entryUris", entryUris, "pass the entries as sent (the file ids for files)");
    for (int i = 0; i < entryUris.size(); i++) {
      Checks.required("entryUris[" + i + "]", entryUris.get(i), "pass the entry as sent");
    }
    if (!storageType.equals(StorageType.FILE)) {
      Checks.required(
          "description", description, "pass the description as sent: references match only with it");
    }
    Checks.present("sentAt", sentAt, "pass the instant the create call was sent");
  }

  /**
   * An export of uploaded files.
   *
   * @param node the node named in the create call
   * @param mode the mode
   * @param fileIds the file ids from {@code POST /v2/files/upload}, at least one
   * @param sentAt when the create call was sent
   * @return the lost export
   * @throws CalmValidationException when a value is missing
   */
  public static LostExport ofFiles(NodeName node, ExportMode mode, Collection<Long> fileIds, Instant sentAt) {
    List<String> uris = new ArrayList<>();
    if (fileIds != null) {
      for (Long id : fileIds) {
        uris.add(id == null ? null : Long.toString(id));
      }
    }
    return new LostExport(node, mode, StorageType.FILE, uris, null, sentAt);
  }

  /**
   * An export of references.
   *
   * @param node the node named in the create call
   * @param mode the mode
   * @param uris the reference URIs, at least one
   * @param description the description as sent
   * @param sentAt when the create call was sent
   * @return the lost export
   * @throws CalmValidationException when a value is missing
   */
  public static LostExport ofReferences(
      NodeName node, ExportMode mode, Collection<String> uris, String description, Instant sentAt) {
    return new LostExport(
        node, mode, StorageType.REFERENCE, uris == null ? null : new ArrayList<>(uris), description, sentAt);
  }

  /**
   * The lost create call of an export request.
   *
   * @param request the request
   * @param entryUris the entries as sent (the file ids for files)
   * @param sentAt when the create call was sent
   * @return the lost export
   */
  public static LostExport of(ExportRequest request, List<String> entryUris, Instant sentAt) {
    return new LostExport(
        request.node(), request.mode(), request.storageType(), entryUris, request.description(), sentAt);
  }
}
