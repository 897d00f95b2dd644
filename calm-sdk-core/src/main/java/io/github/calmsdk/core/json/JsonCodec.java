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
 * }</pre>
 */
public interface JsonCodec {
  /**
   * Writes a value as UTF-8 JSON.
   *
   * @param value the value
   * @return the JSON bytes
   * @throws IllegalArgumentException when the value cannot be written
   */
  byte[] encode(Object value);

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
