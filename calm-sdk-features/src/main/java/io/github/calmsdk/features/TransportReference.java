package io.github.calmsdk.features;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A manual transport reference ({@code GET /TransportReferences}, read-only): a reference to a transport that Cloud
 * ALM cannot deploy itself. SAP does not publish this entity's fields; only {@code uuid} is typed (by analogy with
 * the other entities, not confirmed), everything else the server sends is kept in {@link #other()}.
 *
 * <pre>{@code
 * for (TransportReference r : features.transportReferences(EntityQuery.all())) {
 *   System.out.println(r.uuid() + " " + r.other());
 * }
 * }</pre>
 *
 * @param uuid the reference's key, if the server sends one by that name
 * @param other every other member the server sent, by name (OData annotations such as {@code @odata.context} included); never null
 */
public record TransportReference(String uuid, @JsonAnySetter Map<String, Object> other) {

  /** Copies {@code other}; missing becomes empty. */
  public TransportReference {
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
