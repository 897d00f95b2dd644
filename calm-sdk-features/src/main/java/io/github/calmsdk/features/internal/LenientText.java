package io.github.calmsdk.features.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads any JSON value as text, for fields whose shape the public API does not pin down (such as a feature's tags):
 * text as is, numbers and booleans as their JSON text, an object as its {@code name}, {@code tag}, {@code value} or
 * {@code code} member if one is text, otherwise its compact JSON. Never fails on shape.
 */
public final class LenientText extends StdDeserializer<String> {
  private static final long serialVersionUID = 1L;
  private static final String[] NAME_MEMBERS = {"name", "tag", "value", "code"};

  /** Creates the deserializer; Jackson calls this. */
  public LenientText() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != null && t.isScalarValue()) {
      return p.getText();
    }
    JsonNode node = p.readValueAsTree();
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      for (String member : NAME_MEMBERS) {
        JsonNode m = node.get(member);
        if (m != null && m.isValueNode() && !m.isNull()) {
          return m.asText();
        }
      }
    }
    return node.toString();
  }
}
