package io.github.calmsdk.features;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The builder state that {@link NewExternalReference} and {@link NewUrlReference} share: the feature the reference
 * belongs to, its name and URL, and the fields the SDK does not type, in the order they were added. It only collects
 * values; the records check them.
 */
final class ReferenceFields {
  /**
   * Makes a reference from the shared values and the ones its own builder holds.
   *
   * @param <R> the reference type
   */
  @FunctionalInterface
  interface Factory<R> {
    R create(String parentUuid, String name, String url, Map<String, Object> extra);
  }

  private String parentUuid;
  private String name;
  private String url;
  private final Map<String, Object> extra = new LinkedHashMap<>();

  void parentUuid(String parentUuid) {
    this.parentUuid = parentUuid;
  }

  void name(String name) {
    this.name = name;
  }

  void url(String url) {
    this.url = url;
  }

  void field(String name, Object value) {
    extra.put(name, value);
  }

  <R> R build(Factory<R> factory) {
    return factory.create(parentUuid, name, url, extra);
  }
}
