package io.github.calmsdk.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.calmsdk.core.json.JacksonJsonCodec;

/** The JSON mapper of the auth module: core's configuration, built once, never reconfigured. */
public final class Json {
  /** Core's mapper settings (stream read limits included); thread-safe and not changed after construction. */
  public static final ObjectMapper MAPPER = JacksonJsonCodec.defaultMapper();

  private Json() {}

  /**
   * The kind of a JSON value, for error messages, without its content.
   *
   * @param node the value, possibly null
   * @return such as "a number" or "nothing"
   */
  public static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    switch (node.getNodeType()) {
      case NULL:
        return "null";
      case BOOLEAN:
        return "a boolean";
      case NUMBER:
        return "a number";
      case STRING:
        return node.asText().isBlank() ? "an empty string" : "a string";
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      default:
        return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
