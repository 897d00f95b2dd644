package io.github.calmsdk.features;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An external reference of a feature ({@code /ExternalReferences}), keyed by {@code id} and the feature's uuid
 * ({@code parentUuid}). Fields the SDK does not know are kept in {@link #other()}.
 *
 * <pre>{@code
 * for (ExternalReference r : features.externalReferencesOf(featureUuid)) {
 *   System.out.println(r.name() + " -> " + r.url());
 * }
 * }</pre>
 *
 * @param id the reference's id, unique per feature
 * @param parentUuid the uuid of the feature it belongs to
 * @param name the display name
 * @param url the URL it points to
 * @param other every other member the server sent, by name (OData annotations such as {@code @odata.context} included); never null
 */
public record ExternalReference(
    String id, String parentUuid, String name, String url, @JsonAnySetter Map<String, Object> other) {

  /** Copies {@code other}; missing becomes empty. */
  public ExternalReference {
    other = other == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(other));
  }

  /**
   * A field that is not typed.
   *
   * @param name the JSON name
   * @return the value as Jackson read it, if present and not null
   */
  public Optional<Object> other(String name) {
    return Optional.ofNullable(other.get(name));
  }
}
