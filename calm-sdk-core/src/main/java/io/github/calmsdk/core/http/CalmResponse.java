package io.github.calmsdk.core.http;

import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.json.JsonCodec;
import java.lang.reflect.Type;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A response, with its body read into memory up to the client's size limit.
 *
 * <pre>{@code
 * CalmResponse r = pipeline.send(request);
 * NodeList nodes = r.decode(codec, NodeList.class);
 * }</pre>
 */
public final class CalmResponse {
  private final CalmRequest request;
  private final int status;
  private final HttpHeaders headers;
  private final byte[] body;
  private final boolean truncated;
  private final int attempts;
  private final String requestId;
  private final Instant receivedAt;

  /**
   * Creates a response.
   *
   * @param request the request that was answered
   * @param status the status
   * @param headers the headers
   * @param body the body read, possibly cut off
   * @param truncated whether the body was cut off at the size limit
   * @param attempts the attempts made so far
   * @param requestId the request id, or null
   * @param receivedAt when the answer arrived, on the pipeline's clock (an HTTP-date Retry-After is read against it)
   */
  public CalmResponse(
      CalmRequest request,
      int status,
      HttpHeaders headers,
      byte[] body,
      boolean truncated,
      int attempts,
      String requestId,
      Instant receivedAt) {
    this.request = Objects.requireNonNull(request, "request");
    this.status = status;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = body == null ? new byte[0] : body;
    this.truncated = truncated;
    this.attempts = attempts;
    this.requestId = requestId;
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /**
   * A copy that records the attempt count and request id of the whole call.
   *
   * @param attempts the attempts made
   * @param requestId the request id, or null to keep this one's
   * @return the copy
   */
  public CalmResponse withCall(int attempts, String requestId) {
    return new CalmResponse(
        request,
        status,
        headers,
        body,
        truncated,
        attempts,
        requestId != null ? requestId : this.requestId,
        receivedAt);
  }

  /**
   * When the answer arrived, on the pipeline's clock.
   *
   * @return the instant
   */
  public Instant receivedAt() {
    return receivedAt;
  }

  /**
   * The request that was answered (after every stage's change).
   *
   * @return the request
   */
  public CalmRequest request() {
    return request;
  }

  /**
   * The HTTP status.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * Whether the status is 2xx.
   *
   * @return true on success
   */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /**
   * The headers.
   *
   * @return the headers
   */
  public HttpHeaders headers() {
    return headers;
  }

  /**
   * The first value of a header.
   *
   * @param name the name, in any case
   * @return the value, if present
   */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /**
   * The body bytes, possibly cut off (see {@link #truncated()}). The array is not copied: do not change it.
   *
   * @return the body
   */
  public byte[] body() {
    return body;
  }

  /**
   * The body as UTF-8 text.
   *
   * @return the text
   */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * Whether the body was longer than the client's limit and was cut off.
   *
   * @return true when cut off
   */
  public boolean truncated() {
    return truncated;
  }

  /**
   * How many attempts the call took.
   *
   * @return the attempts
   */
  public int attempts() {
    return attempts;
  }

  /**
   * The request id of the call: the one the server echoed, else the one the client sent.
   *
   * @return the request id, or null
   */
  public String requestId() {
    return requestId;
  }

  /**
   * Reads the body as JSON.
   *
   * @param codec the codec
   * @param type the target class
   * @param <T> the target type
   * @return the value
   * @throws CalmDecodingException when the body is cut off, empty, malformed or does not fit the type
   */
  public <T> T decode(JsonCodec codec, Class<T> type) {
    return decode(codec, (Type) type);
  }

  /**
   * Reads the body as JSON into a generic type.
   *
   * @param codec the codec
   * @param type the target type
   * @param <T> the target type
   * @return the value
   * @throws CalmDecodingException when the body is cut off, empty, malformed or does not fit the type
   */
  public <T> T decode(JsonCodec codec, Type type) {
    if (truncated) {
      throw StatusErrors.decodingFailure(
          this,
          "response body exceeds the client's limit of "
              + body.length
              + " bytes; raise maxResponseBytes if this answer is expected",
          null);
    }
    try {
      return codec.decode(body, type);
    } catch (RuntimeException e) {
      throw StatusErrors.decodingFailure(this, "unreadable response: " + e.getMessage(), e);
    }
  }

  /**
   * The typed exception for this response's status, for callers of {@code HttpPipeline.exchange(CalmRequest)}
   * that handle some statuses themselves and throw for the rest.
   *
   * <pre>{@code
   * CalmResponse r = pipeline.exchange(request);
   * if (r.status() == 404) return Optional.empty();
   * if (!r.isSuccess()) throw r.toException();
   * }</pre>
   *
   * @return the exception (not thrown)
   * @throws IllegalStateException when the status is 2xx
   */
  public io.github.calmsdk.core.error.CalmException toException() {
    if (isSuccess()) {
      throw new IllegalStateException("HTTP " + status + " is a success");
    }
    return StatusErrors.fromResponse(this);
  }

  /**
   * A decoding failure about this response, with its status, request, request id and a redacted body excerpt.
   *
   * @param problem what is wrong, without secrets
   * @param cause the parser's failure, or null
   * @return the exception (not thrown)
   */
  public CalmDecodingException decodingFailure(String problem, Throwable cause) {
    return StatusErrors.decodingFailure(this, problem, cause);
  }

  /** Status and request only: the body may hold tokens and is never printed. */
  @Override
  public String toString() {
    return "CalmResponse[" + status + " for " + request + "]";
  }
}
