package io.github.calmsdk.features;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A URL reference ({@code /URLReferences}), keyed by {@code uuid}. SAP documents the entity set and its key but not
 * its other fields: {@code parentUuid}, {@code name} and {@code url} are typed by analogy with {@link
 * ExternalReference} and are <em>not confirmed</em>; whatever else the server sends is kept in {@link #other()}.
 *
 * <pre>{@code
 * features.urlReferences(EntityQuery.builder().where("parentUuid", featureUuid).build())
 *     .forEach(r -> System.out.println(r.uuid() + " " + r.url()));
 * }</pre>
 *
 * @param uuid the reference's key
 * @param parentUuid the uuid of the feature it belongs to, if sent by that name
 * @param name the display name, if sent by that name
 * @param url the URL, if sent by that name
 * @param other every other member the server sent, by name (OData annotations such as {@code @odata.context} included); never null
 */
public record UrlReference(
    String uuid, String parentUuid, String name, String url, @JsonAnySetter Map<String, Object> other) {

  /** Copies {@code other}; missing becomes empty. */
  public UrlReference {
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
