package io.github.calmsdk.features;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.internal.Checks;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The changes to send for a feature ({@code PATCH /Features/{uuid}}): only the fields set here are sent, so the
 * others keep their values on the server. An assignment is removed by sending JSON {@code null}, which the {@code
 * clear...} methods do; passing null to a setter is refused, so that a null from your own code never clears a
 * field by accident. Fields are written in a fixed order, whatever order they were set in.
 *
 * <p>Cloud ALM has no ETag support: the last write wins. To avoid overwriting someone else's change, read the
 * feature first and compare {@code modifiedAt}.
 *
 * <pre>{@code
 * features.update(uuid, FeatureUpdate.builder()
 *     .title("Payment run: new bank format (phase 2)")
 *     .clearResponsibleId()           // sends "responsibleId":null
 *     .build());
 * // PATCH body: {"title":"Payment run: new bank format (phase 2)","responsibleId":null}
 * }</pre>
 */
public final class FeatureUpdate {
  /** The fields a feature update can carry, in the order they are written. */
  private enum Field {
    TITLE("title"),
    DESCRIPTION("description"),
    STATUS_CODE("statusCode"),
    PRIORITY_CODE("priorityCode"),
    RELEASE_ID("releaseId"),
    SCOPE_ID("scopeId"),
    RESPONSIBLE_ID("responsibleId");

    final String json;

    Field(String json) {
      this.json = json;
    }
  }

  private final Map<String, String> changes;

  private FeatureUpdate(EnumMap<Field, String> fields) {
    Map<String, String> m = new LinkedHashMap<>();
    fields.forEach((f, v) -> m.put(f.json, v));
    this.changes = Collections.unmodifiableMap(m);
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
   * The fields to send, by JSON name, in the order they are written; a null value means "send null", which clears
   * the field.
   *
   * @return the changes, unmodifiable
   */
  public Map<String, String> changes() {
    return changes;
  }

  /**
   * The new status code, if this update changes the status.
   *
   * @return the status code
   */
  public Optional<String> statusCode() {
    return Optional.ofNullable(changes.get(Field.STATUS_CODE.json));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureUpdate && ((FeatureUpdate) o).changes.equals(changes);
  }

  @Override
  public int hashCode() {
    return changes.hashCode();
  }

  @Override
  public String toString() {
    return "FeatureUpdate" + changes.keySet();
  }

  /** Builds a {@link FeatureUpdate}; each field may be set at most once per update (the last call wins). */
  public static final class Builder {
    private final EnumMap<Field, String> fields = new EnumMap<>(Field.class);

    private Builder() {}

    /**
     * Changes the title.
     *
     * @param title the new title, not blank
     * @return this builder
     * @throws CalmValidationException when blank
     */
    public Builder title(String title) {
      fields.put(Field.TITLE, Checks.nonBlank("title", title, "pass the new title; a title cannot be cleared"));
      return this;
    }

    /**
     * Changes the description.
     *
     * @param description the new description as HTML, not null
     * @return this builder
     * @throws CalmValidationException when null (use {@link #clearDescription()})
     */
    public Builder description(String description) {
      return set(Field.DESCRIPTION, description, "clearDescription()", false);
    }

    /**
     * Removes the description by sending null.
     *
     * @return this builder
     */
    public Builder clearDescription() {
      fields.put(Field.DESCRIPTION, null);
      return this;
    }

    /**
     * Changes the status. Cloud ALM allows only its permitted status switches and answers others with HTTP 400;
     * the code is checked against {@link FeaturesClient#statuses()} before sending.
     *
     * @param statusCode a code from {@link FeaturesClient#statuses()}
     * @return this builder
     * @throws CalmValidationException when blank
     */
    public Builder statusCode(String statusCode) {
      fields.put(
          Field.STATUS_CODE,
          Checks.nonBlank("statusCode", statusCode, "pass a code from statuses(); a status cannot be cleared"));
      return this;
    }

    /**
     * Changes the priority.
     *
     * @param priorityCode a code from {@link FeaturesClient#priorities()}, sent as a string
     * @return this builder
     * @throws CalmValidationException when blank
     */
    public Builder priorityCode(String priorityCode) {
      fields.put(
          Field.PRIORITY_CODE,
          Checks.nonBlank("priorityCode", priorityCode, "pass a code from priorities(); a priority cannot be cleared"));
      return this;
    }

    /**
     * Assigns a release.
     *
     * @param releaseId the release's id
     * @return this builder
     * @throws CalmValidationException when null or blank (use {@link #clearReleaseId()})
     */
    public Builder releaseId(String releaseId) {
      return set(Field.RELEASE_ID, releaseId, "clearReleaseId()", true);
    }

    /**
     * Removes the release assignment by sending null.
     *
     * @return this builder
     */
    public Builder clearReleaseId() {
      fields.put(Field.RELEASE_ID, null);
      return this;
    }

    /**
     * Assigns a scope.
     *
     * @param scopeId the scope's id
     * @return this builder
     * @throws CalmValidationException when null or blank (use {@link #clearScopeId()})
     */
    public Builder scopeId(String scopeId) {
      return set(Field.SCOPE_ID, scopeId, "clearScopeId()", true);
    }

    /**
     * Removes the scope assignment by sending null.
     *
     * @return this builder
     */
    public Builder clearScopeId() {
      fields.put(Field.SCOPE_ID, null);
      return this;
    }

    /**
     * Assigns a responsible user.
     *
     * @param responsibleId the user's id
     * @return this builder
     * @throws CalmValidationException when null or blank (use {@link #clearResponsibleId()})
     */
    public Builder responsibleId(String responsibleId) {
      return set(Field.RESPONSIBLE_ID, responsibleId, "clearResponsibleId()", true);
    }

    /**
     * Removes the responsible user by sending null.
     *
     * @return this builder
     */
    public Builder clearResponsibleId() {
      fields.put(Field.RESPONSIBLE_ID, null);
      return this;
    }

    private Builder set(Field field, String value, String clearer, boolean noBlank) {
      if (value == null) {
        throw new CalmValidationException(
            field.json, "is null; to remove the value on the server call " + clearer + " instead");
      }
      if (noBlank) {
        Checks.nonBlank(field.json, value, "pass an id, or call " + clearer + " to remove the assignment");
      }
      fields.put(field, value);
      return this;
    }

    /**
     * Builds the update.
     *
     * @return the update
     * @throws CalmValidationException when no field was set
     */
    public FeatureUpdate build() {
      if (fields.isEmpty()) {
        throw new CalmValidationException(
            "update", "no field is set; set at least one field, or call clear...() to remove a value");
      }
      return new FeatureUpdate(new EnumMap<>(fields));
    }
  }
}
