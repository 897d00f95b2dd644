package io.github.calmsdk.testkit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request the fake received, recorded before any fault applied. Header names are lower case. Its
 * {@code toString()} shows only the method and the path (no query, headers or body), so printing it never leaks a token or a secret.
 *
 * <pre>{@code
 * RecordedRequest export = fake.requests().stream()
 *     .filter(r -> r.path().endsWith("/v2/nodes/export")).findFirst().orElseThrow();
 * assertThat(export.header("content-type")).startsWith("application/json");
 * }</pre>
 *
 * @param method the HTTP method
 * @param path the raw path, as sent
 * @param query the raw query string, or null
 * @param headers the headers, names in lower case
 * @param body the body as UTF-8 text (at most 64 KiB), or null for multipart bodies and the token endpoint
 * @param receivedAt when it arrived, on the fake's clock
 */
public record RecordedRequest(
    String method, String path, String query, Map<String, List<String>> headers, String body, Instant receivedAt) {

  /**
   * Copies the headers.
   *
   * @param method the method
   * @param path the raw path
   * @param query the raw query, or null
   * @param headers the headers
   * @param body the body text, or null
   * @param receivedAt the arrival time
   */
  public RecordedRequest {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = Collections.unmodifiableMap(copy);
  }

  /**
   * The first value of a header.
   *
   * @param name the header name, any case
   * @return the value, or null when absent
   */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
