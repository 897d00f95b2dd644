package io.github.calmsdk.features;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A transport known to Cloud ALM ({@code GET /Transports}, read-only). SAP does not publish this entity's fields:
 * the typed ones below are the names a community client uses and are <em>not confirmed</em>; they are null when the
 * server names them differently. Every field the server sends that is not typed here is kept in {@link #other()},
 * so nothing is lost. Check {@code $metadata} of your tenant for the real list.
 *
 * <pre>{@code
 * features.transports(EntityQuery.all()).stream()
 *     .forEach(t -> System.out.println(t.transportRequest() + " " + t.status() + " " + t.other()));
 * }</pre>
 *
 * @param uuid the transport's key, if the server sends one by that name
 * @param transportRequest the transport request number, such as {@code S4DK900123}, if sent by that name
 * @param status the transport status, if sent by that name
 * @param featureUuid the uuid of the feature the transport is assigned to, if sent by that name
 * @param other every other member the server sent, by name (OData annotations such as {@code @odata.context} included); never null
 */
public record Transport(
    String uuid,
    String transportRequest,
    String status,
    String featureUuid,
    @JsonAnySetter Map<String, Object> other) {

  /** Copies {@code other}; missing becomes empty. */
  public Transport {
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
