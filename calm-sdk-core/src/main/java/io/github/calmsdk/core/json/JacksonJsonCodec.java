package io.github.calmsdk.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * {@link JsonCodec} on Jackson. {@link #create()} owns a mapper set up for Cloud ALM: unknown properties ignored,
 * java.time as ISO-8601 strings, null fields left out (unless {@link #encode(Object, boolean)} is asked to keep them),
 * and stream read limits (nesting depth 500, strings up to 20
 * MB, numbers up to 1000 digits) so a hostile body cannot exhaust memory or stack.
 *
 * <pre>{@code
 * JsonCodec sdkOwned = JacksonJsonCodec.create();
 * JsonCodec yours = JacksonJsonCodec.of(myObjectMapper); // used as given
 * }</pre>
 */
public final class JacksonJsonCodec implements JsonCodec {
  private final ObjectMapper mapper;
  /** A copy of the mapper that writes every null, made on first use (a copy is never shared outside). */
  private volatile ObjectMapper keepingNulls;

  private JacksonJsonCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * A codec with the SDK's own mapper.
   *
   * @return the codec
   */
  public static JacksonJsonCodec create() {
    return new JacksonJsonCodec(defaultMapper());
  }

  /**
   * A codec on your mapper, used as given. It must read unknown properties leniently for the SDK's records to
   * survive new server fields, and know java.time.
   *
   * @param mapper the mapper
   * @return the codec
   */
  public static JacksonJsonCodec of(ObjectMapper mapper) {
    return new JacksonJsonCodec(Objects.requireNonNull(mapper, "mapper"));
  }

  /**
   * A new mapper configured as the SDK's own.
   *
   * @return the mapper
   */
  public static ObjectMapper defaultMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(500)
                    .maxStringLength(20_000_000)
                    .maxNumberLength(1000)
                    .build())
            .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.registerModule(new JavaTimeModule());
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
    return mapper;
  }

  /**
   * The mapper behind this codec.
   *
   * @return the mapper
   */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * {@inheritDoc}
   *
   * <p>With {@code keepNulls} the value is written by a copy of the mapper, taken on first use, whose default
   * inclusion is {@code ALWAYS} for properties and map entries; a type's own {@code @JsonInclude} still applies.
   */
  @Override
  public byte[] encode(Object value, boolean keepNulls) {
    try {
      return (keepNulls ? keepingNulls() : mapper).writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
    }
  }

  private ObjectMapper keepingNulls() {
    ObjectMapper m = keepingNulls;
    if (m == null) {
      // a race makes two equal copies, one of which is dropped: harmless
      m = mapper.copy();
      m.setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));
      keepingNulls = m;
    }
    return m;
  }

  @Override
  public <T> T decode(byte[] json, Class<T> type) {
    return read(json, mapper.constructType(type));
  }

  @Override
  public <T> T decode(byte[] json, Type type) {
    return read(json, mapper.constructType(type));
  }

  private <T> T read(byte[] json, JavaType type) {
    if (json == null || json.length == 0) {
      throw new IllegalArgumentException("the body is empty, expected JSON for " + type.toCanonical());
    }
    try {
      T value = mapper.readValue(json, type);
      if (value == null) {
        throw new IllegalArgumentException("the body is JSON null, expected " + type.toCanonical());
      }
      return value;
    } catch (IOException e) {
      // Jackson's message can quote the input; keep only the location-free first line.
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      throw new IllegalArgumentException(
          "cannot read the body as " + type.getRawClass().getSimpleName() + ": " + truncate(msg), e);
    }
  }

  private static String truncate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
