package io.github.calmsdk.core.internal.pipeline;

import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.CallContext;
import io.github.calmsdk.core.http.HttpTransport;
import io.github.calmsdk.core.internal.Urls;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** The default transport: one attempt on java.net.http, with the attempt's timeout and the body size limit. */
public final class JdkHttpTransport implements HttpTransport {
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");
  private static final List<String> ECHOED_ID_HEADERS =
      List.of("x-request-id", "x-correlationid", "x-correlation-id", "x-vcap-request-id");

  private final HttpClient client;
  private final int maxResponseBytes;
  /** Bounds the reading of a body; one daemon thread per transport while bodies are read, gone when idle. */
  private final BodyDeadlines bodyDeadlines = new BodyDeadlines();

  /**
   * Creates the transport.
   *
   * @param client the client
   * @param maxResponseBytes the body size limit
   */
  public JdkHttpTransport(HttpClient client, int maxResponseBytes) {
    this.client = client;
    this.maxResponseBytes = maxResponseBytes;
  }

  @Override
  public CalmResponse send(CalmRequest request, CallContext context) {
    Urls.requireSecure(request.uri(), "url");
    Duration timeout = context.nextAttemptTimeout();
    if (timeout.isZero() || timeout.isNegative()) {
      throw new CalmTimeoutException("the call's deadline passed before the attempt", ErrorDetails.none(), null);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(request.uri())
            .timeout(timeout)
            .method(
                request.method(),
                request.body().orElse(HttpRequest.BodyPublishers.noBody()));
    for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
      if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        for (String v : h.getValue()) {
          b.header(h.getKey(), v);
        }
      }
    }
    AtomicReference<HttpResponse.ResponseInfo> head = new AtomicReference<>();
    AtomicReference<LimitedBodySubscriber> reader = new AtomicReference<>();
    // the attempt's limit covers the whole body; timeout is already capped by the call's deadline
    long deadlineNanos = System.nanoTime() + timeout.toNanos();
    HttpResponse<LimitedBodySubscriber.Body> response;
    try {
      // send() on the calling thread (a virtual thread blocks cheaply): sendAsync().get() would depend on the
      // common fork-join pool, through which the JDK 25 client completes its public futures.
      response =
          client.send(
              b.build(),
              info -> {
                head.set(info);
                LimitedBodySubscriber subscriber = new LimitedBodySubscriber(maxResponseBytes);
                reader.set(subscriber);
                // the request timeout ends when the headers arrive; this bounds the body too
                bodyDeadlines.watch(subscriber, deadlineNanos, timeout.toMillis());
                return subscriber;
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CalmTransportException("interrupted while waiting for the answer", ErrorDetails.none(), true, e);
    } catch (IOException | RuntimeException e) {
      // Cutting a body off at the limit cancels the exchange; over HTTP/2 the client may then fail the whole
      // response ("stream cancelled") although the body was read up to the limit. That is the size limit at
      // work, not a lost connection: answer with what was read.
      LimitedBodySubscriber.Body cut = reader.get() == null ? null : reader.get().truncatedBody();
      if (cut != null && head.get() != null) {
        return response(request, context, head.get().statusCode(), head.get().headers(), cut);
      }
      throw classify(e, timeout);
    } finally {
      bodyDeadlines.unwatch(reader.get());
    }
    return response(request, context, response.statusCode(), response.headers(), response.body());
  }

  private static CalmResponse response(
      CalmRequest request, CallContext context, int status, HttpHeaders headers, LimitedBodySubscriber.Body body) {
    return new CalmResponse(
        request,
        status,
        headers,
        body.bytes(),
        body.truncated(),
        context.attempt(),
        echoedRequestId(headers, context.requestId()),
        context.clock().instant());
  }

  private static String echoedRequestId(HttpHeaders headers, String fallback) {
    for (String name : ECHOED_ID_HEADERS) {
      var v = headers.firstValue(name);
      if (v.isPresent() && !v.get().isBlank()) {
        return v.get().length() > 128 ? v.get().substring(0, 128) : v.get();
      }
    }
    return fallback;
  }

  private static CalmException classify(Throwable failure, Duration timeout) {
    Throwable t = failure;
    while ((t instanceof java.util.concurrent.CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (has(t, HttpConnectTimeoutException.class)) {
      return new CalmTransportException("connect timed out", ErrorDetails.none(), false, t);
    }
    if (has(t, HttpTimeoutException.class)) {
      return new CalmTimeoutException(
          "no complete answer within " + timeout.toMillis() + " ms", ErrorDetails.none(), first(t, HttpTimeoutException.class));
    }
    if (notConnected(t)) {
      return new CalmTransportException(
          "could not connect (" + t.getClass().getSimpleName() + ")", ErrorDetails.none(), false, t);
    }
    if (has(t, SSLHandshakeException.class)) {
      // the handshake comes before any byte of the request: nothing was sent
      return new CalmTransportException("TLS handshake failed: " + t.getMessage(), ErrorDetails.none(), false, t);
    }
    if (t instanceof SSLException) {
      return new CalmTransportException("TLS failure: " + t.getMessage(), ErrorDetails.none(), true, t);
    }
    if (t instanceof IOException) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      return new CalmTransportException("connection lost: " + m, ErrorDetails.none(), true, t);
    }
    if (t instanceof IllegalArgumentException) {
      return new CalmTransportException(
          "request refused by the HTTP client: " + t.getMessage(), ErrorDetails.none(), false, t);
    }
    return new CalmTransportException("transport failure: " + t, ErrorDetails.none(), true, t);
  }

  private static boolean has(Throwable t, Class<? extends Throwable> type) {
    return first(t, type) != null;
  }

  private static Throwable first(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return c;
      }
    }
    return null;
  }

  private static boolean notConnected(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException
          || c instanceof UnresolvedAddressException
          || c instanceof UnknownHostException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }
}
