package io.github.calmsdk.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.calmsdk.testkit.Faults;
import io.github.calmsdk.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server behind {@code FakeCalm}: dispatch, authentication, faults and the request log. It owns the
 * components that hold the state; {@code FakeCalm} is the one facade over them.
 */
public final class FakeServer implements AutoCloseable {
  private static final String NODELAY = "sun.net.httpserver.nodelay";
  private static final int MAX_BODY = 8 * 1024 * 1024;
  private static final int MAX_RECORDED_BODY = 64 * 1024;
  private static final String TMS_READ = "imp-cdm-feature-display-ui";
  private static final String TMS_WRITE = "imp-cdm-feature-manage-ui";
  private static final String FEATURES_READ = "calm-api.features.read";
  private static final String FEATURES_WRITE = "calm-api.features.write";

  private final Settings settings;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final URI baseUri;
  private final ObjectMapper json = new ObjectMapper();
  private final TokenService tokens;
  private final TmsStore tmsStore;
  private final TmsLifecycle tmsLifecycle;
  private final TmsApi tms;
  private final FeaturesStore featuresStore;
  private final FeaturesApi features;
  private final FaultRegistry faults = new FaultRegistry();
  private final RequestLog requests = new RequestLog();
  private final AtomicBoolean closed = new AtomicBoolean();

  private FakeServer(Settings settings) throws IOException {
    this.settings = settings;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 64);
    int port = server.getAddress().getPort();
    this.baseUri = URI.create("http://127.0.0.1:" + port);
    this.executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 5, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), threads(port));
    executor.allowCoreThreadTimeOut(true);
    this.tokens = new TokenService(settings, baseUri + "/uaa/oauth/token", json);
    this.tmsStore = new TmsStore(settings);
    this.tmsLifecycle = new TmsLifecycle(settings, tmsStore);
    this.tms = new TmsApi(settings, json, tmsStore, tmsLifecycle);
    this.featuresStore = new FeaturesStore(settings);
    this.features = new FeaturesApi(settings, json, baseUri.toString(), featuresStore);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /**
   * Starts a fake on the configured loopback port (0: a free one).
   *
   * @param settings the validated settings
   * @return the running server
   * @throws UncheckedIOException when no port can be bound
   */
  public static FakeServer start(Settings settings) {
    // Without TCP_NODELAY the JDK server's response body (written after the flushed headers) waits for the
    // client's delayed ACK: about 40 ms per request. The JDK reads this property once, at its first server.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    try {
      FakeServer s = new FakeServer(settings);
      s.server.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start FakeCalm on loopback port " + settings.port()
          + (settings.port() == 0 ? "" : "; is it in use? pass 0 for a free port"), e);
    }
  }

  private static ThreadFactory threads(int port) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "fake-calm-" + port + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  // ------------------------------------------------------------------------------------------------ components

  public URI baseUri() {
    return baseUri;
  }

  public Settings settings() {
    return settings;
  }

  public TokenService tokens() {
    return tokens;
  }

  public TmsStore tms() {
    return tmsStore;
  }

  public TmsLifecycle tmsLifecycle() {
    return tmsLifecycle;
  }

  public FeaturesStore features() {
    return featuresStore;
  }

  public RequestLog requestLog() {
    return requests;
  }

  public Faults faults() {
    return faults;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------------------------------------ dispatch

  /** Thrown to leave the handler after the connection was cut on purpose. */
  private static final class Aborted extends Exception {
    private static final long serialVersionUID = 1L;

    Aborted() {
      super("connection cut by a fault", null, false, false);
    }
  }

  /**
   * Serves one exchange. When the connection must be cut, an exception leaves this method: the JDK server then
   * closes the connection (it does so for any exception before the response was completely written).
   */
  private void handle(HttpExchange ex) throws IOException {
    try {
      serve(ex);
    } catch (Aborted e) {
      throw new IOException("connection cut by an injected fault");
    } catch (RuntimeException e) {
      throw new IOException("FakeCalm failed to serve a request", e);
    }
    ex.close();
  }

  private void serve(HttpExchange ex) throws IOException, Aborted {
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    URI uri = ex.getRequestURI();
    String rawPath = uri.getRawPath() == null ? "/" : uri.getRawPath();
    String rawQuery = uri.getRawQuery();
    Headers headers = ex.getRequestHeaders();
    String contentType = headers.getFirst("Content-Type");
    boolean multipart = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    boolean tokenEndpoint = rawPath.matches(FaultRegistry.TOKEN_PATH_REGEX);
    byte[] body = null;
    if (!multipart) {
      body = readAtMost(ex.getRequestBody(), MAX_BODY + 1);
    }
    String recordedBody = body == null || tokenEndpoint
        ? null
        : new String(body, 0, Math.min(body.length, MAX_RECORDED_BODY), StandardCharsets.UTF_8);
    requests.add(new RecordedRequest(method, rawPath, rawQuery, headers, recordedBody, settings.clock().instant()));
    if (tokenEndpoint) {
      tokens.countRequest();
    }
    FaultRegistry.Plan plan = faults.decide(method, rawPath, tokenEndpoint);
    if (plan != null && !plan.delay().isZero()) {
      sleep(plan.delay());
    }
    if (plan != null && plan.kind() == FaultRegistry.Kind.RESET) {
      cut(ex);
    }
    if (plan != null && plan.kind() == FaultRegistry.Kind.STATUS) {
      send(ex, faultResponse(plan, rawPath, tokenEndpoint));
      return;
    }
    HttpResp response;
    if (body != null && body.length > MAX_BODY) {
      response = HttpResp.json(413, "{\"error\":\"payload_too_large\"}");
    } else {
      Req req = new Req(method, rawPath, rawQuery, headers, body, multipart ? ex.getRequestBody() : null);
      response = route(req, tokenEndpoint);
    }
    if (plan != null && plan.kind() == FaultRegistry.Kind.DROP) {
      cut(ex);
    }
    if (plan != null && plan.kind() == FaultRegistry.Kind.MALFORMED) {
      response = malformed(response);
    }
    send(ex, response);
  }

  private HttpResp route(Req req, boolean tokenEndpoint) throws IOException {
    try {
      if (tokenEndpoint) {
        return tokens.handle(req);
      }
      String path = req.rawPath;
      String tmsPrefix = under(path, TmsApi.PREFIX) ? TmsApi.PREFIX
          : under(path, TmsApi.CTMS_PREFIX) ? TmsApi.CTMS_PREFIX : null;
      if (!path.startsWith("/api/") && tmsPrefix == null) {
        return HttpResp.json(404, "{\"error\":\"not_found\",\"error_description\":\"No resource at this path\"}");
      }
      String auth = req.header("Authorization");
      TokenService.Issued grant = null;
      if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
        grant = tokens.validate(auth.substring(7).trim());
      }
      if (grant == null) {
        return HttpResp.json(401, "{\"error\":\"unauthorized\",\"error_description\":"
                + "\"Full authentication is required to access this resource\"}")
            .withHeader("WWW-Authenticate", "Bearer realm=\"fake\", error=\"invalid_token\"");
      }
      req.clientId = grant.clientId();
      req.scopes = grant.scopes();
      if (tmsPrefix != null) {
        boolean write = TmsApi.isWrite(req.method);
        if (!hasScope(req.scopes, TMS_WRITE) && (write || !hasScope(req.scopes, TMS_READ))) {
          return forbidden(write ? TMS_WRITE : TMS_READ);
        }
        return tms.handle(req, path.substring(tmsPrefix.length()));
      }
      if (under(path, FeaturesApi.PREFIX)) {
        boolean write = FeaturesApi.isWrite(req.method);
        if (!hasScope(req.scopes, write ? FEATURES_WRITE : FEATURES_READ)) {
          return forbidden(write ? FEATURES_WRITE : FEATURES_READ);
        }
        return features.handle(req, path.substring(FeaturesApi.PREFIX.length()));
      }
      return TmsErrors.notFoundResponse("No API at " + path);
    } catch (HttpError e) {
      return e.response();
    } catch (IOException e) {
      throw e;
    } catch (RuntimeException e) {
      return TmsErrors.response(500, "TsInternalServerErrorException",
          "The application has encountered an unexpected error.");
    }
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  private static boolean hasScope(List<String> scopes, String wanted) {
    for (String s : scopes) {
      if (s.equals(wanted) || s.endsWith("." + wanted)) {
        return true;
      }
    }
    return false;
  }

  private HttpResp forbidden(String scope) {
    ObjectNode o = json.createObjectNode();
    o.put("error", "insufficient_scope");
    o.put("error_description", "Insufficient scope for this resource");
    o.put("scope", scope);
    return HttpResp.json(403, o.toString());
  }

  private HttpResp faultResponse(FaultRegistry.Plan plan, String rawPath, boolean tokenEndpoint) {
    HttpResp r;
    String message = "Injected fault: HTTP " + plan.status();
    if (plan.body() != null) {
      r = HttpResp.json(plan.status(), plan.body());
    } else if (tokenEndpoint) {
      ObjectNode o = json.createObjectNode();
      o.put("error", plan.status() == 429 || plan.status() >= 500 ? "temporarily_unavailable" : "invalid_request");
      o.put("error_description", message);
      r = HttpResp.json(plan.status(), o.toString());
    } else if (under(rawPath, FeaturesApi.PREFIX)) {
      r = features.error(plan.status(), message);
    } else {
      r = TmsErrors.response(plan.status(), "TsInjectedFaultException", message);
    }
    for (Map.Entry<String, String> h : plan.headers().entrySet()) {
      r = r.withHeader(h.getKey(), h.getValue());
    }
    return r;
  }

  private static HttpResp malformed(HttpResp r) {
    byte[] body = r.body();
    byte[] cut = body.length < 2
        ? "{\"value\":[".getBytes(StandardCharsets.UTF_8)
        : Arrays.copyOf(body, body.length / 2);
    return HttpResp.of(200, HttpResp.JSON, cut);
  }

  private static void sleep(Duration d) throws Aborted {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Aborted();
    }
  }

  /**
   * Cuts the connection: announces a 100-byte body and writes two bytes of it, then leaves the handler with an
   * exception, on which the JDK server closes the socket. The client fails with an IOException while reading the
   * body; since response bytes had arrived, java.net.http does not silently retry.
   */
  private static void cut(HttpExchange ex) throws Aborted {
    try {
      ex.getResponseHeaders().set("Content-Type", HttpResp.JSON);
      ex.sendResponseHeaders(200, 100);
      OutputStream out = ex.getResponseBody();
      out.write(new byte[] {'{', '"'});
      out.flush();
    } catch (IOException e) {
      // the client is gone already
    }
    throw new Aborted();
  }

  private static void send(HttpExchange ex, HttpResp r) throws IOException {
    Headers h = ex.getResponseHeaders();
    r.headers().forEach(h::set);
    byte[] body = r.body();
    if (r.status() == 204 || r.status() == 304 || body.length == 0
        || ex.getRequestMethod().equalsIgnoreCase("HEAD")) {
      ex.sendResponseHeaders(r.status(), -1);
      return;
    }
    ex.sendResponseHeaders(r.status(), body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      if (total < max) {
        int keep = Math.min(n, max - total);
        out.write(buf, 0, keep);
      }
      total += n;
      if (total < 0) {
        total = max;
      }
    }
    return out.toByteArray();
  }
}
