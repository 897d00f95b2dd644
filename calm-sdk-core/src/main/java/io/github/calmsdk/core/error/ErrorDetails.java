package io.github.calmsdk.core.error;

import java.util.List;
import java.util.Objects;

/**
 * What is known about a failed call: the HTTP exchange, the server's own error code and message, and how many
 * attempts were made. Every field is safe to log: the URL has its query values redacted, and the body excerpt is
 * capped in size and has token-like values masked.
 *
 * <pre>{@code
 * } catch (CalmException e) {
 *   ErrorDetails d = e.details();
 *   log.warn("Cloud ALM said {} ({}), request id {}", d.serverMessage(), d.errorCode(), d.requestId());
 * }
 * }</pre>
 *
 * @param status the HTTP status, or 0 when no response was received
 * @param errorCode the server's error code ({@code error.code}, {@code errorType} or the OAuth {@code error}), or null
 * @param serverMessage the server's error message, or null
 * @param serverDetails further messages from OData {@code error.details}, possibly empty
 * @param requestId the request id sent or echoed by the server, or null
 * @param method the HTTP method, or null for errors raised before a request existed
 * @param url the URL with query values redacted, or null
 * @param attempts how many attempts were sent (0 when the call failed before sending)
 * @param bodyExcerpt the start of the response body, capped and redacted, or null
 */
public record ErrorDetails(
    int status,
    String errorCode,
    String serverMessage,
    List<String> serverDetails,
    String requestId,
    String method,
    String url,
    int attempts,
    String bodyExcerpt) {

  /** Normalises the detail list to an immutable copy. */
  public ErrorDetails {
    serverDetails = serverDetails == null ? List.of() : List.copyOf(serverDetails);
  }

  /**
   * Details for an error raised before any request was sent.
   *
   * @return details with every field empty
   */
  public static ErrorDetails none() {
    return new ErrorDetails(0, null, null, List.of(), null, null, null, 0, null);
  }

  /**
   * A copy with another attempt count.
   *
   * @param attempts the number of attempts made
   * @return the copy
   */
  public ErrorDetails withAttempts(int attempts) {
    return new ErrorDetails(
        status, errorCode, serverMessage, serverDetails, requestId, method, url, attempts, bodyExcerpt);
  }

  /**
   * A copy with the request context filled in where this one has none.
   *
   * @param method the HTTP method
   * @param url the redacted URL
   * @param requestId the request id
   * @return the copy
   */
  public ErrorDetails withRequest(String method, String url, String requestId) {
    return new ErrorDetails(
        status,
        errorCode,
        serverMessage,
        serverDetails,
        Objects.requireNonNullElse(this.requestId, requestId),
        Objects.requireNonNullElse(this.method, method),
        Objects.requireNonNullElse(this.url, url),
        attempts,
        bodyExcerpt);
  }
}
