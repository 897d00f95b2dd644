package io.github.calmsdk.core.internal.pipeline;

import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.internal.Redaction;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.CallContext;
import io.github.calmsdk.core.http.HttpStage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DEBUG line per attempt (method, redacted URL, status, duration, attempt, request id) on the logger {@code
 * io.github.calmsdk.http}; at TRACE, the allow-listed headers. Authorization, cookies and token headers are never
 * logged, at any level, whatever the allow-list says; bodies are never logged.
 */
public final class LoggingStage implements HttpStage {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.http");
  private static final Set<String> NEVER =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-csrf-token", "apikey");

  private final Set<String> allowed;

  /**
   * Creates the stage.
   *
   * @param allowedHeaders header names that may be logged at TRACE
   */
  public LoggingStage(Set<String> allowedHeaders) {
    this.allowed =
        allowedHeaders.stream()
            .map(h -> h.toLowerCase(Locale.ROOT))
            .filter(h -> !NEVER.contains(h) && !h.contains("token") && !h.contains("secret"))
            .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public CalmResponse process(CalmRequest request, CallContext context, Next next) {
    if (!LOG.isDebugEnabled()) {
      return next.proceed(request);
    }
    long start = System.nanoTime();
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} request headers {}", request, headers(request.headers()));
    }
    try {
      CalmResponse response = next.proceed(request);
      LOG.debug(
          "{} -> {} in {} ms (attempt {}, request-id {})",
          request,
          response.status(),
          (System.nanoTime() - start) / 1_000_000,
          context.attempt(),
          context.requestId());
      if (LOG.isTraceEnabled()) {
        LOG.trace("{} response headers {}", request, headers(response.headers().map()));
      }
      return response;
    } catch (CalmException e) {
      LOG.debug(
          "{} -> failed in {} ms (attempt {}, request-id {}): {}",
          request,
          (System.nanoTime() - start) / 1_000_000,
          context.attempt(),
          context.requestId(),
          e.summary());
      throw e;
    }
  }

  private String headers(Map<String, List<String>> headers) {
    return headers.entrySet().stream()
        .filter(e -> allowed.contains(e.getKey().toLowerCase(Locale.ROOT)))
        .map(e -> e.getKey() + ": " + (e.getKey().equalsIgnoreCase("location") ? locations(e.getValue()) : String.join(", ", e.getValue())))
        .collect(Collectors.joining("; ", "{", "}"));
  }

  private static String locations(List<String> values) {
    return values.stream()
        .map(v -> {
          try {
            return Redaction.url(java.net.URI.create(v));
          } catch (IllegalArgumentException e) {
            return Redaction.MASK;
          }
        })
        .collect(Collectors.joining(", "));
  }
}
