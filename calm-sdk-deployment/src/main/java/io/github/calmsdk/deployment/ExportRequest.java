package io.github.calmsdk.deployment;

import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.deployment.internal.DeploymentChecks;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.http.UploadProgressListener;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What to export: files to upload (or references), the node, and the transport request's description. Every rule of
 * the API is checked when the request is built, so a bad request never sends anything: node name at most 30
 * characters, description required and at most 512, named user at most 60, at least one entry, reference URIs at
 * most 256, files that exist, can be read and are no larger than the service's 1 GB limit.
 *
 * <pre>{@code
 * ExportRequest request = ExportRequest.builder()
 *     .node(NodeName.of("DEV_NODE"))
 *     .file(Path.of("target/app.mtar"))
 *     .contentType(ContentType.MTA)
 *     .description("Release 2026.11 hotfix")
 *     .namedUser("jane.doe@example.com")
 *     .progress((sent, total) -> System.out.printf("\r%d%%", sent * 100 / total))
 *     .build();
 * ExportResult result = deployment.export(request);
 * }</pre>
 *
 * @param node the node named in the request: the source node for {@link ExportMode#EXPORT}, the target of {@link
 *     ExportMode#UPLOAD_ONLY}
 * @param files files to upload, each becoming one entry; empty when references are given
 * @param references reference URIs, each becoming one entry; empty when files are given
 * @param contentType the content type
 * @param storageType {@code FILE} for files, {@code REFERENCE} (or another value) for references
 * @param description the transport request's description
 * @param namedUser the named user recorded as its creator, or null
 * @param mode export into the follow-on nodes' queues, or upload into the node's own queue
 * @param progress hears the upload progress across all files, or null
 * @param timeout the deadline of each file upload, or null for {@link DeploymentOptions#uploadTimeout()}
 */
public record ExportRequest(
    NodeName node,
    List<Path> files,
    List<String> references,
    ContentType contentType,
    StorageType storageType,
    String description,
    String namedUser,
    ExportMode mode,
    UploadProgressListener progress,
    Duration timeout) {
  /** The largest file the service accepts: 1 GB, read generously as 1 GiB. */
  public static final long MAX_FILE_BYTES = 1L << 30;

  /**
   * Checks every rule of the API.
   *
   * @throws CalmValidationException naming the first field that breaks a rule
   */
  public ExportRequest {
    Checks.present("nodeName", node, "pass the node, e.g. .node(NodeName.of(\"DEV_NODE\"))");
    Checks.required("description", description, "describe the transport request in at most 512 characters");
    Checks.maxLength("description", description, DeploymentChecks.DESCRIPTION_MAX, "shorten the description");
    Checks.present("contentType", contentType, "pass e.g. ContentType.MTA or ContentType.BTP_ABAP");
    files = Checks.copyOf(files, i -> "files[" + i + "]");
    references = Checks.copyOf(references, i -> "entries[" + i + "].uri");
    if (files.isEmpty() && references.isEmpty()) {
      throw new CalmValidationException("entries", "is empty; add at least one file or reference");
    }
    if (!files.isEmpty() && !references.isEmpty()) {
      throw new CalmValidationException(
          "entries", "mixes files and references; a transport request has one storage type, export them separately");
    }
    for (int i = 0; i < files.size(); i++) {
      checkFile("files[" + i + "]", files.get(i));
    }
    for (int i = 0; i < references.size(); i++) {
      String field = "entries[" + i + "].uri";
      Checks.required(field, references.get(i), "pass the reference URI");
      Checks.maxLength(field, references.get(i), DeploymentChecks.ENTRY_URI_MAX, "use a shorter reference URI");
    }
    StorageType expected = files.isEmpty() ? StorageType.REFERENCE : StorageType.FILE;
    if (storageType == null) {
      storageType = expected;
    } else if (!files.isEmpty() && !storageType.equals(StorageType.FILE)) {
      throw new CalmValidationException(
          "storageType", "is " + storageType + " but files are given; files are always stored as FILE");
    } else if (files.isEmpty() && storageType.equals(StorageType.FILE)) {
      throw new CalmValidationException(
          "storageType", "is FILE but only references are given; pass files, or leave it unset for REFERENCE");
    }
    DeploymentChecks.namedUser(namedUser);
    mode = mode == null ? ExportMode.EXPORT : mode;
    if (timeout != null) {
      Checks.positive("timeout", timeout);
    }
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private static void checkFile(String field, Path file) {
    if (file == null) {
      throw new CalmValidationException(field, "is null; pass the path of the file to upload");
    }
    if (!Files.isRegularFile(file)) {
      throw new CalmValidationException(field, file + " does not exist or is not a regular file; pass the path of the file to upload");
    }
    if (!Files.isReadable(file)) {
      throw new CalmValidationException(field, file + " is not readable; check its permissions");
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new CalmValidationException(field, "cannot read the size of " + file + ": " + e.getMessage(), e);
    }
    if (size > MAX_FILE_BYTES) {
      throw new CalmValidationException(
          field, file + " has " + size + " bytes, more than the service's 1 GB limit; split the content");
    }
  }

  /**
   * Builds an {@link ExportRequest}; {@link #build()} checks every rule.
   *
   * <pre>{@code
   * ExportRequest r = ExportRequest.builder()
   *     .node("DEV_NODE").reference("https://repo.example.com/app-1.2.mtar")
   *     .contentType(ContentType.MTA).description("App 1.2").mode(ExportMode.UPLOAD_ONLY).build();
   * }</pre>
   */
  public static final class Builder {
    private NodeName node;
    private final List<Path> files = new ArrayList<>();
    private final List<String> references = new ArrayList<>();
    private ContentType contentType;
    private StorageType storageType;
    private String description;
    private String namedUser;
    private ExportMode mode = ExportMode.EXPORT;
    private UploadProgressListener progress;
    private Duration timeout;

    private Builder() {}

    /**
     * Sets the node.
     *
     * @param node the node name
     * @return this builder
     */
    public Builder node(NodeName node) {
      this.node = node;
      return this;
    }

    /**
     * Sets the node by its name.
     *
     * @param nodeName the node name, at most 30 characters
     * @return this builder
     * @throws CalmValidationException when the name is blank or too long
     */
    public Builder node(String nodeName) {
      this.node = NodeName.of(nodeName);
      return this;
    }

    /**
     * Adds a file to upload.
     *
     * @param file the file
     * @return this builder
     */
    public Builder file(Path file) {
      files.add(file);
      return this;
    }

    /**
     * Adds files to upload.
     *
     * @param files the files
     * @return this builder
     */
    public Builder files(Collection<Path> files) {
      this.files.addAll(Objects.requireNonNull(files, "files"));
      return this;
    }

    /**
     * Adds a reference URI.
     *
     * @param uri the reference, at most 256 characters
     * @return this builder
     */
    public Builder reference(URI uri) {
      references.add(uri == null ? null : uri.toString());
      return this;
    }

    /**
     * Adds a reference as text.
     *
     * @param uri the reference, at most 256 characters
     * @return this builder
     */
    public Builder reference(String uri) {
      references.add(uri);
      return this;
    }

    /**
     * Sets the content type.
     *
     * @param contentType the content type
     * @return this builder
     */
    public Builder contentType(ContentType contentType) {
      this.contentType = contentType;
      return this;
    }

    /**
     * Sets the storage type. Unset, it is {@code FILE} for files and {@code REFERENCE} for references.
     *
     * @param storageType the storage type
     * @return this builder
     */
    public Builder storageType(StorageType storageType) {
      this.storageType = storageType;
      return this;
    }

    /**
     * Sets the description.
     *
     * @param description at most 512 characters
     * @return this builder
     */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * Sets the named user.
     *
     * @param namedUser at most 60 characters, or null
     * @return this builder
     */
    public Builder namedUser(String namedUser) {
      this.namedUser = namedUser;
      return this;
    }

    /**
     * Sets the mode.
     *
     * @param mode {@link ExportMode#EXPORT} (default) or {@link ExportMode#UPLOAD_ONLY}
     * @return this builder
     */
    public Builder mode(ExportMode mode) {
      this.mode = mode;
      return this;
    }

    /**
     * Sets the progress listener. It hears bytes sent across all files, against the total of all uploads; a
     * retried upload starts its file again.
     *
     * @param progress the listener, or null
     * @return this builder
     */
    public Builder progress(UploadProgressListener progress) {
      this.progress = progress;
      return this;
    }

    /**
     * Sets the deadline of each file upload.
     *
     * @param timeout a positive duration, or null for the client's upload timeout
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws CalmValidationException naming the first field that breaks a rule
     */
    public ExportRequest build() {
      return new ExportRequest(
          node, files, references, contentType, storageType, description, namedUser, mode, progress, timeout);
    }
  }
}
