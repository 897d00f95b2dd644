package io.github.calmsdk.features;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.internal.Checks;
import java.util.Map;
import java.util.Set;

/**
 * An external reference to create for a feature ({@code POST /ExternalReferences}). {@code id}, {@code parentUuid}
 * (the feature's uuid) and {@code name} are required, {@code url} is optional; this follows a community client, as
 * SAP publishes no schema. Fields the SDK does not type can be added with {@link Builder#field(String, Object)}.
 *
 * <pre>{@code
 * features.createExternalReference(NewExternalReference.builder()
 *     .id("JIRA-42")
 *     .parentUuid(featureUuid)
 *     .name("Jira ticket")
 *     .url("https://jira.example.com/browse/JIRA-42")
 *     .build());
 * }</pre>
 *
 * @param id the reference's id, unique per feature
 * @param parentUuid the uuid of the feature
 * @param name the display name
 * @param url the URL, or null
 * @param extra further fields sent as given, by JSON name; values are String, Number, Boolean or null
 */
public record NewExternalReference(
    String id, String parentUuid, String name, String url, Map<String, Object> extra) {
  private static final Set<String> TYPED = Set.of("id", "parentUuid", "name", "url");

  /**
   * Checks the values.
   *
   * @throws CalmValidationException when id, parentUuid or name is blank, or an extra field is not allowed
   */
  public NewExternalReference {
    Checks.nonBlank("id", id, "pass the reference's id, such as a ticket number");
    Checks.nonBlank("parentUuid", parentUuid, "pass the uuid of the feature the reference belongs to");
    Checks.nonBlank("name", name, "pass a display name for the reference");
    Checks.nullOrNonBlank("url", url, "pass the URL or leave it unset");
    extra = ExtraFields.check(extra, TYPED);
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link NewExternalReference}. */
  public static final class Builder {
    private String id;
    private final ReferenceFields fields = new ReferenceFields();

    private Builder() {}

    /**
     * Sets the id.
     *
     * @param id the reference's id
     * @return this builder
     */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /**
     * Sets the feature the reference belongs to.
     *
     * @param parentUuid the feature's uuid
     * @return this builder
     */
    public Builder parentUuid(String parentUuid) {
      fields.parentUuid(parentUuid);
      return this;
    }

    /**
     * Sets the display name.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      fields.name(name);
      return this;
    }

    /**
     * Sets the URL.
     *
     * @param url the URL
     * @return this builder
     */
    public Builder url(String url) {
      fields.url(url);
      return this;
    }

    /**
     * Adds a field the SDK does not type, sent as given after the typed ones.
     *
     * @param name the JSON name
     * @param value a String, Number, Boolean or null
     * @return this builder
     */
    public Builder field(String name, Object value) {
      fields.field(name, value);
      return this;
    }

    /**
     * Builds the reference.
     *
     * @return the reference
     * @throws CalmValidationException when a value breaks a rule of {@link NewExternalReference}
     */
    public NewExternalReference build() {
      return fields.build((parentUuid, name, url, extra) -> new NewExternalReference(id, parentUuid, name, url, extra));
    }
  }
}
