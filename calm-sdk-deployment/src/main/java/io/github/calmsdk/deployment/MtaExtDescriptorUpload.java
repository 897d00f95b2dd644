package io.github.calmsdk.deployment;

import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.deployment.internal.DeploymentChecks;
import io.github.calmsdk.core.error.CalmValidationException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An MTA extension descriptor to store on a node, sent as Project Piper sends it: {@code multipart/form-data} with
 * the parts {@code file}, {@code mtaVersion} and {@code description}, and the named user in the header {@code
 * tms-named-user}. Used for creating ({@code POST /v2/nodes/{nodeId}/mtaExtDescriptors}) and replacing ({@code PUT
 * .../mtaExtDescriptors/{id}}). The MTA id the descriptor extends is read by the service from the file's {@code
 * extends}.
 *
 * <pre>{@code
 * MtaExtDescriptor d = deployment.createMtaExtDescriptor(MtaExtDescriptorUpload.builder()
 *     .node(NodeName.of("QAS"))
 *     .file(Path.of("qas.mtaext"))
 *     .mtaVersion("1.2.0")
 *     .description("QAS settings")
 *     .build());
 * }</pre>
 *
 * @param node the node, by id or name
 * @param file the descriptor file (YAML, up to 1 MiB is what the testkit's fake accepts; the service's limit is not
 *     public)
 * @param mtaVersion the MTA version it applies to; {@code *} (any version, Piper's default) when not set
 * @param description the description (at most 512 characters), or null to send none
 * @param namedUser the user named as the changer (at most 60 characters), or null to send no header
 */
public record MtaExtDescriptorUpload(
    NodeRef node, Path file, String mtaVersion, String description, String namedUser) {
  /** The longest description, as for transport requests. */
  public static final int DESCRIPTION_MAX = 512;

  /**
   * Checks the upload; nothing is sent when it fails.
   *
   * @throws CalmValidationException naming the field that breaks a rule, with the fix
   */
  public MtaExtDescriptorUpload {
    Checks.present("node", node, "pass a NodeId or NodeName");
    Checks.present("file", file, "pass the path of the .mtaext file");
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new CalmValidationException("file", "'" + file + "' is not a readable file; pass the .mtaext file's path");
    }
    mtaVersion = mtaVersion == null ? "*" : Checks.required("mtaVersion", mtaVersion, "pass a version such as 1.2.0, or * for any");
    if (description != null) {
      Checks.maxLength("description", description, DESCRIPTION_MAX, "pass a shorter description");
    }
    DeploymentChecks.namedUser(namedUser);
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an {@link MtaExtDescriptorUpload}.
   *
   * <pre>{@code
   * MtaExtDescriptorUpload u = MtaExtDescriptorUpload.builder().node(NodeName.of("QAS")).file(path).build();
   * }</pre>
   */
  public static final class Builder {
    private NodeRef node;
    private Path file;
    private String mtaVersion;
    private String description;
    private String namedUser;

    private Builder() {}

    /**
     * Sets the node.
     *
     * @param node a NodeId or NodeName
     * @return this builder
     */
    public Builder node(NodeRef node) {
      this.node = node;
      return this;
    }

    /**
     * Sets the descriptor file.
     *
     * @param file the path
     * @return this builder
     */
    public Builder file(Path file) {
      this.file = file;
      return this;
    }

    /**
     * Sets the MTA version the descriptor applies to.
     *
     * @param mtaVersion such as {@code 1.2.0}, or {@code *}
     * @return this builder
     */
    public Builder mtaVersion(String mtaVersion) {
      this.mtaVersion = mtaVersion;
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
     * Sets the named user, sent in the header {@code tms-named-user}.
     *
     * @param namedUser at most 60 characters
     * @return this builder
     */
    public Builder namedUser(String namedUser) {
      this.namedUser = namedUser;
      return this;
    }

    /**
     * Builds the upload.
     *
     * @return the upload
     * @throws CalmValidationException naming the field that breaks a rule
     */
    public MtaExtDescriptorUpload build() {
      return new MtaExtDescriptorUpload(node, file, mtaVersion, description, namedUser);
    }
  }
}
