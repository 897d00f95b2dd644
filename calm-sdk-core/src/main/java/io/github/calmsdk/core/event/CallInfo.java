package io.github.calmsdk.core.event;

import java.util.Objects;

/**
 * What a listener is told about one call: stable, low-cardinality names (operation, method, server) and the
 * high-cardinality ones (request id, URL template, redacted URL). Never carries headers, bodies or credentials.
 *
 * <pre>{@code
 * CalmListener listener = new CalmListener() {
 *   public void callEnded(CallEnded e) {
 *     System.out.println(e.call().operation() + " " + e.call().method() + " -> " + e.status());
 *   }
 * };
 * }</pre>
 *
 * @param requestId the request id sent with every attempt of the call
 * @param operation the SDK operation, such as {@code transport.import} or {@code features.update}, or
 *     {@code http.call} for calls that name none
 * @param method the HTTP method
 * @param urlTemplate the path template, such as {@code /v2/nodes/{nodeId}/transportRequests/import}, or the
 *     path itself where the caller gave no template
 * @param url the URL with query values masked
 * @param serverAddress the host
 * @param serverPort the port, -1 when the URL names none
 */
public record CallInfo(
    String requestId,
    String operation,
    String method,
    String urlTemplate,
    String url,
    String serverAddress,
    int serverPort) {
  /** Checks the names that are always present. */
  public CallInfo {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(urlTemplate, "urlTemplate");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(serverAddress, "serverAddress");
  }
}
