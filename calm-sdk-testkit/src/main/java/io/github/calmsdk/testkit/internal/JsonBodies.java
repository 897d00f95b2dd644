package io.github.calmsdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads a JSON object request body for both APIs; each API turns the failure into its own error shape. */
final class JsonBodies {
  /** Why a body was refused: {@code status} 400 or 415 and a message. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    final int status;

    Invalid(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  private JsonBodies() {}

  /**
   * The body as a JSON object; an empty object for a blank body unless {@code required}.
   *
   * @param checkBlankFirst whether a blank body is judged before the content type (the TMS API does so)
   */
  static JsonNode object(Req req, ObjectMapper json, boolean required, boolean checkBlankFirst) throws Invalid {
    byte[] body = req.body == null ? new byte[0] : req.body;
    if (checkBlankFirst && new String(body, StandardCharsets.UTF_8).isBlank()) {
      if (required) {
        throw new Invalid(400, "Required request body is missing");
      }
      return json.createObjectNode();
    }
    if (!req.contentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new Invalid(415, "Content-Type '" + req.contentType() + "' is not supported; send application/json");
    }
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new Invalid(400, "The request body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new Invalid(400, "The request body is not valid JSON");
    }
  }
}
