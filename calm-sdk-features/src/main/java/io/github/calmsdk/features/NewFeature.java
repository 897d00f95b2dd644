package io.github.calmsdk.features;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.internal.Checks;

/**
 * A feature to create ({@code POST /Features}). {@code title} and {@code projectId} are required; the rest is
 * optional and left out of the request when not set. Cloud ALM publishes no length limit for the title, so none is
 * checked here; the server's answer to a title it finds too long arrives as a {@link
 * io.github.calmsdk.core.error.CalmInvalidRequestException}.
 *
 * <pre>{@code
 * Feature created = features.create(
 *     NewFeature.builder("Payment run: new bank format", projectId)
 *         .description("<p>Switch to pain.001.001.09</p>")
 *         .priorityCode("20")
 *         .releaseId(releaseId)
 *         .build());
 * }</pre>
 *
 * @param title the title, not blank
 * @param projectId the id of the project the feature belongs to, not blank
 * @param description the description as HTML, or null
 * @param priorityCode the priority code (see {@link FeaturesClient#priorities()}), sent as a string, or null
 * @param statusCode the initial status code (see {@link FeaturesClient#statuses()}), or null for the server's
 *     default
 * @param releaseId the release's id, or null
 * @param scopeId the scope's id, or null
 */
public record NewFeature(
    String title,
    String projectId,
    String description,
    String priorityCode,
    String statusCode,
    String releaseId,
    String scopeId) {

  /**
   * Checks the values.
   *
   * @throws CalmValidationException when title or projectId is blank, or an optional code or id is set but blank
   */
  public NewFeature {
    Checks.nonBlank("title", title, "pass the feature's title");
    Checks.nonBlank("projectId", projectId, "pass the id of the Cloud ALM project the feature belongs to");
    Checks.nullOrNonBlank("priorityCode", priorityCode, "leave it unset or pass a code from priorities()");
    Checks.nullOrNonBlank("statusCode", statusCode, "leave it unset or pass a code from statuses()");
    Checks.nullOrNonBlank("releaseId", releaseId, "leave it unset or pass a release id");
    Checks.nullOrNonBlank("scopeId", scopeId, "leave it unset or pass a scope id");
  }

  /**
   * A feature with only the required fields.
   *
   * @param title the title
   * @param projectId the project's id
   * @return the new feature
   * @throws CalmValidationException when either is blank
   */
  public static NewFeature of(String title, String projectId) {
    return builder(title, projectId).build();
  }

  /**
   * A builder with the required fields.
   *
   * @param title the title
   * @param projectId the project's id
   * @return the builder
   */
  public static Builder builder(String title, String projectId) {
    return new Builder(title, projectId);
  }

  /** Builds a {@link NewFeature}. */
  public static final class Builder {
    private final String title;
    private final String projectId;
    private String description;
    private String priorityCode;
    private String statusCode;
    private String releaseId;
    private String scopeId;

    private Builder(String title, String projectId) {
      this.title = title;
      this.projectId = projectId;
    }

    /**
     * Sets the description.
     *
     * @param description HTML text, or null for none
     * @return this builder
     */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * Sets the priority code.
     *
     * @param priorityCode a code from {@link FeaturesClient#priorities()}, or null
     * @return this builder
     */
    public Builder priorityCode(String priorityCode) {
      this.priorityCode = priorityCode;
      return this;
    }

    /**
     * Sets the initial status code.
     *
     * @param statusCode a code from {@link FeaturesClient#statuses()}, or null
     * @return this builder
     */
    public Builder statusCode(String statusCode) {
      this.statusCode = statusCode;
      return this;
    }

    /**
     * Sets the release.
     *
     * @param releaseId the release's id, or null
     * @return this builder
     */
    public Builder releaseId(String releaseId) {
      this.releaseId = releaseId;
      return this;
    }

    /**
     * Sets the scope.
     *
     * @param scopeId the scope's id, or null
     * @return this builder
     */
    public Builder scopeId(String scopeId) {
      this.scopeId = scopeId;
      return this;
    }

    /**
     * Builds the feature.
     *
     * @return the new feature
     * @throws CalmValidationException when a value breaks a rule of {@link NewFeature}
     */
    public NewFeature build() {
      return new NewFeature(title, projectId, description, priorityCode, statusCode, releaseId, scopeId);
    }
  }
}
