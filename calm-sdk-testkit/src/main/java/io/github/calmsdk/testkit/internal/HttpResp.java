package io.github.calmsdk.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A complete response, built by a handler before anything is written, so that faults can change or drop it. */
public final class HttpResp {
  static final String JSON = "application/json;charset=UTF-8";

  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;

  HttpResp(int status, Map<String, String> headers, byte[] body) {
    this.status = status;
    this.headers = new LinkedHashMap<>(headers);
    this.body = body == null ? new byte[0] : body;
  }

  static HttpResp of(int status, String contentType, byte[] body) {
    Map<String, String> h = new LinkedHashMap<>();
    if (contentType != null) {
      h.put("Content-Type", contentType);
    }
    return new HttpResp(status, h, body);
  }

  static HttpResp json(int status, String json) {
    return of(status, JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  static HttpResp noContent() {
    return new HttpResp(204, Map.of(), null);
  }

  HttpResp withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new HttpResp(status, h, body);
  }

  int status() {
    return status;
  }

  Map<String, String> headers() {
    return headers;
  }

  byte[] body() {
    return body;
  }
}
