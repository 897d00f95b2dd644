package io.github.calmsdk.core.json;

import java.lang.reflect.Type;

/**
 * The SDK's one seam to JSON. The default is {@link JacksonJsonCodec#create()}; pass {@link
 * JacksonJsonCodec#of(com.fasterxml.jackson.databind.ObjectMapper)} to use your own mapper.
 *
 * <pre>{@code
 * JsonCodec codec = JacksonJsonCodec.create();
 * byte[] json = codec.encode(Map.of("nodeName", "DEV"));
 * Map<?, ?> back = codec.decode(json, Map.class);
 *
 * Map<String, Object> patch = new LinkedHashMap<>();
 * patch.put("responsibleId", null);                  // a PATCH clears a field with an explicit null
 * byte[] body = codec.encode(patch, true);           // {"responsibleId":null}
 * }</pre>
 */
public interface JsonCodec {
  /**
   * Writes a value as UTF-8 JSON, null members as the codec is set up to (the SDK's own codec leaves them out).
   *
   * @param value the value
   * @return the JSON bytes
   * @throws IllegalArgumentException when the value cannot be written
   */
  default byte[] encode(Object value) {
    return encode(value, false);
  }

  /**
   * Writes a value as UTF-8 JSON, choosing what happens to null members (of a map or a record). With {@code
   * keepNulls} every null is written as JSON {@code null}, which is how a PATCH clears a field; without it nulls are
   * handled as the codec is set up to ({@link #encode(Object)}). Map entries keep the map's order.
   *
   * @param value the value
   * @param keepNulls true to write every null member as {@code null}
   * @return the JSON bytes
   * @throws IllegalArgumentException when the value cannot be written
   */
  byte[] encode(Object value, boolean keepNulls);

  /**
   * Reads JSON into a type.
   *
   * @param json the UTF-8 JSON
   * @param type the target class
   * @param <T> the target type
   * @return the value
   * @throws IllegalArgumentException when the JSON is malformed or does not fit the type
   */
  <T> T decode(byte[] json, Class<T> type);

  /**
   * Reads JSON into a generic type, such as {@code List<Node>}.
   *
   * @param json the UTF-8 JSON
   * @param type the target type
   * @param <T> the target type
   * @return the value
   * @throws IllegalArgumentException when the JSON is malformed or does not fit the type
   */
  <T> T decode(byte[] json, Type type);
}
