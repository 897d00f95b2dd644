package io.github.calmsdk.testkit.internal;

import com.sun.net.httpserver.Headers;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One incoming request as the handlers see it. */
final class Req {
  final String method;
  final String rawPath;
  final String rawQuery;
  final Headers headers;
  /** The whole body, or null when the body is streamed (multipart). */
  final byte[] body;
  /** The body stream, for multipart requests. */
  final InputStream stream;
  /** The client id of a valid bearer token; null before authentication or outside /api. */
  String clientId;
  /** The scopes of a valid bearer token. */
  List<String> scopes = List.of();

  private Map<String, List<String>> params;

  Req(String method, String rawPath, String rawQuery, Headers headers, byte[] body, InputStream stream) {
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.headers = headers;
    this.body = body;
    this.stream = stream;
  }

  String header(String name) {
    return headers.getFirst(name);
  }

  String contentType() {
    String ct = headers.getFirst("Content-Type");
    return ct == null ? "" : ct;
  }

  /** Decoded query parameters (form semantics: '+' is a space), in order. */
  Map<String, List<String>> params() {
    if (params == null) {
      params = decodeForm(rawQuery);
    }
    return params;
  }

  String param(String name) {
    List<String> values = params().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * Decodes an application/x-www-form-urlencoded string.
   *
   * @throws IllegalArgumentException on a broken percent escape
   */
  static Map<String, List<String>> decodeForm(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.computeIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), x -> new ArrayList<>())
          .add(URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Percent-decodes one path segment ('+' stays a plus). */
  static String decodeSegment(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
