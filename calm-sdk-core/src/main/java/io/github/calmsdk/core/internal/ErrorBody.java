package io.github.calmsdk.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's error code and message, read defensively from any of the shapes Cloud ALM answers with: OData
 * {@code {"error":{"code","message","details"}}}, transport management {@code {"errorType","message"}}, OAuth
 * {@code {"error","error_description"}}, plain text and HTML.
 *
 * @param code the error code, or null
 * @param message the message, or null
 * @param details further messages
 */
public record ErrorBody(String code, String message, List<String> details) {
  private static final int MAX_MESSAGE = 300;
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1_000_000).build())
              .build());
  private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern SCRIPT_OR_STYLE =
      Pattern.compile("<(script|style)[^>]*>.*?</\\1>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** An empty result. */
  public static final ErrorBody NONE = new ErrorBody(null, null, List.of());

  /**
   * Reads an error body.
   *
   * @param body the body, possibly cut off
   * @param contentType the Content-Type, or null
   * @return what could be read; never throws
   */
  public static ErrorBody parse(byte[] body, String contentType) {
    if (body == null || body.length == 0) {
      return NONE;
    }
    int start = 0;
    while (start < body.length && Character.isWhitespace(body[start])) {
      start++;
    }
    if (start < body.length && (body[start] == '{' || body[start] == '[')) {
      ErrorBody json = fromJson(body);
      if (json != null) {
        return json;
      }
    }
    String text = new String(body, 0, Math.min(body.length, 64 * 1024), StandardCharsets.UTF_8);
    boolean html =
        (contentType != null && contentType.toLowerCase().contains("html"))
            || text.stripLeading().startsWith("<");
    if (html) {
      Matcher t = TITLE.matcher(text);
      String msg = t.find() ? t.group(1) : TAG.matcher(SCRIPT_OR_STYLE.matcher(text).replaceAll(" ")).replaceAll(" ");
      return new ErrorBody(null, clean(msg), List.of());
    }
    return new ErrorBody(null, clean(text), List.of());
  }

  private static ErrorBody fromJson(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (root == null || !root.isObject()) {
      return null;
    }
    JsonNode error = root.get("error");
    if (error != null && error.isObject()) {
      List<String> details = new ArrayList<>();
      JsonNode d = error.get("details");
      if (d != null && d.isArray()) {
        for (JsonNode item : d) {
          String m = text(item.get("message"));
          if (m != null) {
            String target = text(item.get("target"));
            details.add(clean(target != null ? target + ": " + m : m));
          }
          if (details.size() >= 10) {
            break;
          }
        }
      }
      JsonNode message = error.get("message");
      String msg = message != null && message.isObject() ? text(message.get("value")) : text(message);
      return new ErrorBody(clean(text(error.get("code"))), clean(msg), details);
    }
    if (error != null && error.isTextual()) {
      return new ErrorBody(clean(error.asText()), clean(text(root.get("error_description"))), List.of());
    }
    String type = text(root.get("errorType"));
    String message = text(root.get("message"));
    if (type != null || message != null) {
      return new ErrorBody(clean(shortType(type)), clean(message), List.of());
    }
    return null;
  }

  /** {@code com.sap...TsNotFoundException} becomes {@code TsNotFoundException}. */
  private static String shortType(String type) {
    if (type == null) {
      return null;
    }
    int dot = type.lastIndexOf('.');
    return dot >= 0 && dot < type.length() - 1 ? type.substring(dot + 1) : type;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
  }

  private static String clean(String s) {
    if (s == null) {
      return null;
    }
    String c = Redaction.secrets(s.replaceAll("\\s+", " ").trim());
    if (c.isEmpty()) {
      return null;
    }
    return c.length() > MAX_MESSAGE ? c.substring(0, MAX_MESSAGE) + "..." : c;
  }
}
