package io.github.calmsdk.features.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Writes the flat JSON objects the SDK sends, byte for byte as given: fields in map order, and a null value written
 * as JSON {@code null}. The pipeline's codec is not used for request bodies because it leaves nulls out, and an
 * explicit null is how a PATCH clears a field.
 */
public final class JsonBody {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonBody() {}

  /**
   * Writes an object.
   *
   * @param fields the fields in order; values are String, Number, Boolean or null
   * @return UTF-8 JSON
   */
  public static byte[] object(Map<String, ?> fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, ?> e : fields.entrySet()) {
        g.writeFieldName(e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String) {
      g.writeString((String) v);
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof BigInteger) {
      g.writeNumber((BigInteger) v);
    } else if (v instanceof BigDecimal) {
      g.writeNumber((BigDecimal) v);
    } else if (v instanceof Number) {
      g.writeNumber(((Number) v).doubleValue());
    } else {
      throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " into a request body");
    }
  }
}
