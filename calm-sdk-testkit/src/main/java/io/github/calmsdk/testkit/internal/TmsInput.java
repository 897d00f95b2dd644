package io.github.calmsdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads and validates the parts of a transport-management request; every failure is a TMS 400 (or 415). */
final class TmsInput {
  private final ObjectMapper json;

  TmsInput(ObjectMapper json) {
    this.json = json;
  }

  JsonNode body(Req req, boolean required) {
    try {
      return JsonBodies.object(req, json, required, true);
    } catch (JsonBodies.Invalid e) {
      throw e.status == 415
          ? new HttpError(TmsErrors.response(415, "HttpMediaTypeNotSupportedException", e.getMessage()))
          : TmsErrors.badRequest(e.getMessage());
    }
  }

  static String text(JsonNode body, String field, boolean required, int max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw TmsErrors.badRequest(field + " is required");
      }
      return null;
    }
    if (!v.isValueNode()) {
      throw TmsErrors.badRequest(field + " must be a string");
    }
    String s = v.asText();
    if (required && s.isBlank()) {
      throw TmsErrors.badRequest(field + " must not be blank");
    }
    checkLength(field, s, max);
    return s;
  }

  static void checkLength(String field, String value, int max) {
    if (max > 0 && value != null && value.length() > max) {
      throw TmsErrors.badRequest(field + " must not be longer than " + max + " characters (was "
          + value.length() + ")");
    }
  }

  static List<Long> trIds(JsonNode body) {
    JsonNode arr = body.get("transportRequests");
    if (arr == null || !arr.isArray() || arr.isEmpty()) {
      throw TmsErrors.badRequest("transportRequests must be a non-empty array of transport request IDs");
    }
    List<Long> ids = new ArrayList<>();
    for (JsonNode n : arr) {
      Long id = n.isIntegralNumber() ? Long.valueOf(n.asLong()) : n.isTextual() ? parseLong(n.asText()) : null;
      if (id == null) {
        throw TmsErrors.badRequest("transportRequests contains '" + n + "', which is not an ID");
      }
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  /** A query timestamp in the strict wire format, or null when absent. */
  static Instant time(Req req, String name) {
    String v = req.param(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Times.parse(v);
    } catch (IllegalArgumentException e) {
      throw TmsErrors.badRequest("Invalid " + name + ": " + e.getMessage());
    }
  }

  /** A numeric path segment. */
  static long id(String segment, String name) {
    Long id = parseLong(segment);
    if (id == null) {
      throw TmsErrors.badRequest("Invalid " + name + " '" + Req.decodeSegment(segment) + "'; expected a number");
    }
    return id;
  }

  static Long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
