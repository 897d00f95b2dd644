package io.github.calmsdk.features;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.internal.Checks;
import java.util.Map;
import java.util.Set;

/**
 * A URL reference to create ({@code POST /URLReferences}). SAP documents the operation but not its payload: the
 * typed fields {@code parentUuid}, {@code name} and {@code url} follow {@link NewExternalReference} and are
 * <em>not confirmed</em>; {@code parentUuid} and {@code url} are required here. Add or correct fields with {@link
 * Builder#field(String, Object)} after checking your tenant's {@code $metadata}.
 *
 * <pre>{@code
 * UrlReference r = features.createUrlReference(NewUrlReference.builder()
 *     .parentUuid(featureUuid)
 *     .name("Design document")
 *     .url("https://wiki.example.com/design/42")
 *     .build());
 * }</pre>
 *
 * @param parentUuid the uuid of the feature
 * @param name the display name, or null
 * @param url the URL
 * @param extra further fields sent as given, by JSON name; values are String, Number, Boolean or null
 */
public record NewUrlReference(String parentUuid, String name, String url, Map<String, Object> extra) {
  private static final Set<String> TYPED = Set.of("parentUuid", "name", "url");

  /**
   * Checks the values.
   *
   * @throws CalmValidationException when parentUuid or url is blank, or an extra field is not allowed
   */
  public NewUrlReference {
    Checks.nonBlank("parentUuid", parentUuid, "pass the uuid of the feature the reference belongs to");
    Checks.nullOrNonBlank("name", name, "pass a display name or leave it unset");
    Checks.nonBlank("url", url, "pass the URL the reference points to");
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

  /** Builds a {@link NewUrlReference}. */
  public static final class Builder {
    private final ReferenceFields fields = new ReferenceFields();

    private Builder() {}

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
     * @throws CalmValidationException when a value breaks a rule of {@link NewUrlReference}
     */
    public NewUrlReference build() {
      return fields.build(NewUrlReference::new);
    }
  }
}
