package io.github.calmsdk.core.http;

import io.github.calmsdk.core.internal.Redaction;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One logical call, immutable: method, URI, headers, an optional body, whether it is safe to repeat, and per-call
 * options. Stages that change a request make a copy with {@link #toBuilder()}.
 *
 * <p>GET, HEAD, PUT and DELETE are taken as safe to repeat, POST and PATCH as state-changing; a call declares
 * otherwise with {@link Builder#safeToRepeat(boolean)}. A state-changing call is retried only where the failure
 * proves it was not processed.
 *
 * <pre>{@code
 * CalmRequest r = CalmRequest.post(uri)
 *     .jsonBody(codec.encode(body))
 *     .safeToRepeat(false)
 *     .options(CallOptions.builder().timeout(Duration.ofMinutes(5)).build())
 *     .build();
 * }</pre>
 */
public final class CalmRequest {
  private final String method;
  private final URI uri;
  private final Map<String, List<String>> headers;
  private final BodyPublisher body;
  private final boolean safeToRepeat;
  private final CallOptions options;
  private final String operation;
  private final String urlTemplate;

  private CalmRequest(Builder b) {
    this.method = b.method;
    this.uri = b.uri;
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    b.headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(h);
    this.body = b.body;
    this.safeToRepeat = b.safeToRepeat != null ? b.safeToRepeat : defaultSafeToRepeat(b.method);
    this.options = b.options;
    this.operation = b.operation;
    this.urlTemplate = b.urlTemplate;
  }

  /** A copy with headers replaced or added; everything else is shared, not copied. */
  private CalmRequest(CalmRequest from, Map<String, List<String>> headers) {
    this.method = from.method;
    this.uri = from.uri;
    this.headers = headers;
    this.body = from.body;
    this.safeToRepeat = from.safeToRepeat;
    this.options = from.options;
    this.operation = from.operation;
    this.urlTemplate = from.urlTemplate;
  }

  /**
   * A copy with the given headers set (each replacing all values of that name). Cheaper than
   * {@code toBuilder()...build()}: one map copy, nothing else; stages use it on every call.
   *
   * <pre>{@code
   * CalmRequest signed = request.withHeaders(Map.of("X-Tenant", "acme"));
   * }</pre>
   *
   * @param set the headers to set
   * @return the copy
   */
  public CalmRequest withHeaders(Map<String, String> set) {
    if (set.isEmpty()) {
      return this;
    }
    TreeMap<String, List<String>> h = new TreeMap<>(headers);
    set.forEach((k, v) -> h.put(k, List.of(Objects.requireNonNull(v, k))));
    return new CalmRequest(this, Collections.unmodifiableMap(h));
  }

  /**
   * A copy with one header set, replacing all its values.
   *
   * @param name the name
   * @param value the value
   * @return the copy
   */
  public CalmRequest withHeader(String name, String value) {
    TreeMap<String, List<String>> h = new TreeMap<>(headers);
    h.put(name, List.of(Objects.requireNonNull(value, name)));
    return new CalmRequest(this, Collections.unmodifiableMap(h));
  }

  /**
   * Starts a GET.
   *
   * @param uri the URI
   * @return a builder
   */
  public static Builder get(URI uri) {
    return new Builder("GET", uri);
  }

  /**
   * Starts a POST.
   *
   * @param uri the URI
   * @return a builder
   */
  public static Builder post(URI uri) {
    return new Builder("POST", uri);
  }

  /**
   * Starts a PATCH.
   *
   * @param uri the URI
   * @return a builder
   */
  public static Builder patch(URI uri) {
    return new Builder("PATCH", uri);
  }

  /**
   * Starts a PUT.
   *
   * @param uri the URI
   * @return a builder
   */
  public static Builder put(URI uri) {
    return new Builder("PUT", uri);
  }

  /**
   * Starts a DELETE.
   *
   * @param uri the URI
   * @return a builder
   */
  public static Builder delete(URI uri) {
    return new Builder("DELETE", uri);
  }

  /**
   * Starts a request with any method.
   *
   * @param method the method, such as {@code "GET"}
   * @param uri the URI
   * @return a builder
   */
  public static Builder builder(String method, URI uri) {
    return new Builder(method, uri);
  }

  /**
   * A builder holding a copy of this request.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(method, uri);
    headers.forEach((k, v) -> b.headers.put(k, new ArrayList<>(v)));
    b.body = body;
    b.safeToRepeat = safeToRepeat;
    b.options = options;
    b.operation = operation;
    b.urlTemplate = urlTemplate;
    return b;
  }

  /**
   * The HTTP method.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * The URI.
   *
   * @return the URI
   */
  public URI uri() {
    return uri;
  }

  /**
   * All headers, with case-insensitive names.
   *
   * @return the headers, unmodifiable
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The first value of a header.
   *
   * @param name the name, in any case
   * @return the value, if present
   */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * The body, if the call has one. A body publisher may be subscribed to more than once, one per attempt.
   *
   * @return the body
   */
  public Optional<BodyPublisher> body() {
    return Optional.ofNullable(body);
  }

  /**
   * Whether sending the call twice does no more than sending it once.
   *
   * @return true when safe to repeat
   */
  public boolean safeToRepeat() {
    return safeToRepeat;
  }

  /**
   * The per-call options.
   *
   * @return the options, never null
   */
  public CallOptions options() {
    return options;
  }

  /**
   * The SDK operation this call performs, such as {@code transport.import}, as listeners and metrics name it.
   *
   * @return the operation, {@code http.call} when none was set
   */
  public String operation() {
    return operation;
  }

  /**
   * The path template, such as {@code /v2/nodes/{nodeId}/transportRequests/import}, as listeners and traces name
   * it (high cardinality is the raw path's, not the template's).
   *
   * @return the template, or the raw path when none was set
   */
  public String urlTemplate() {
    return urlTemplate != null ? urlTemplate : uri.getRawPath();
  }

  /** Method and redacted URL only: headers may hold credentials and are never printed. */
  @Override
  public String toString() {
    return method + " " + Redaction.url(uri);
  }

  private static boolean defaultSafeToRepeat(String method) {
    return !("POST".equals(method) || "PATCH".equals(method));
  }

  /** Builds a {@link CalmRequest}. */
  public static final class Builder {
    private String method;
    private URI uri;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private BodyPublisher body;
    private Boolean safeToRepeat;
    private CallOptions options = CallOptions.defaults();
    private String operation = "http.call";
    private String urlTemplate;

    private Builder(String method, URI uri) {
      method(method);
      uri(uri);
    }

    /**
     * Sets the method.
     *
     * @param method the method
     * @return this builder
     */
    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /**
     * Sets the URI.
     *
     * @param uri an absolute URI
     * @return this builder
     */
    public Builder uri(URI uri) {
      Objects.requireNonNull(uri, "uri");
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw new IllegalArgumentException("the request URI must be absolute with a host: " + Redaction.url(uri));
      }
      this.uri = uri;
      return this;
    }

    /**
     * Adds a header value.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(Objects.requireNonNull(value, name));
      return this;
    }

    /**
     * Replaces all values of a header.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder setHeader(String name, String value) {
      headers.remove(name);
      return header(name, value);
    }

    /**
     * Removes a header.
     *
     * @param name the name
     * @return this builder
     */
    public Builder removeHeader(String name) {
      headers.remove(name);
      return this;
    }

    /**
     * Sets the body and its content type.
     *
     * @param body a publisher that can be subscribed to once per attempt
     * @param contentType the Content-Type
     * @return this builder
     */
    public Builder body(BodyPublisher body, String contentType) {
      this.body = Objects.requireNonNull(body, "body");
      return setHeader("Content-Type", contentType);
    }

    /**
     * Sets a JSON body.
     *
     * @param json UTF-8 JSON
     * @return this builder
     */
    public Builder jsonBody(byte[] json) {
      return body(BodyPublishers.ofByteArray(json), "application/json");
    }

    /**
     * Sets an {@code application/x-www-form-urlencoded} body.
     *
     * @param form the encoded form
     * @return this builder
     */
    public Builder formBody(String form) {
      return body(
          BodyPublishers.ofString(form, StandardCharsets.UTF_8),
          "application/x-www-form-urlencoded");
    }

    /**
     * Declares whether the call may be sent again without doing its work twice.
     *
     * @param safe true when safe to repeat
     * @return this builder
     */
    public Builder safeToRepeat(boolean safe) {
      this.safeToRepeat = safe;
      return this;
    }

    /**
     * Sets the per-call options.
     *
     * @param options the options
     * @return this builder
     */
    public Builder options(CallOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Names the SDK operation for listeners and metrics, such as {@code features.update}.
     *
     * @param operation a short dotted name
     * @return this builder
     */
    public Builder operation(String operation) {
      this.operation = Objects.requireNonNull(operation, "operation");
      return this;
    }

    /**
     * Sets the path template for listeners and traces, such as {@code /v2/actions/{id}}.
     *
     * @param template the template, or null for the raw path
     * @return this builder
     */
    public Builder urlTemplate(String template) {
      this.urlTemplate = template;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public CalmRequest build() {
      return new CalmRequest(this);
    }
  }
}
