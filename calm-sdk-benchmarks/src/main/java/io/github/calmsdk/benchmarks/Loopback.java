package io.github.calmsdk.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

/**
 * The JDK's own HTTP server on a free loopback port. The SDK and its baseline always call the same instance, so
 * whatever the server costs is the same on both sides. No executor: each exchange runs on the server's dispatcher
 * thread, the cheapest setup the JDK offers. TCP_NODELAY is on (see the static initializer).
 */
final class Loopback implements AutoCloseable {
  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK: every
    // exchange then takes about 40 ms on loopback, whoever the client is. Read once, when the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;

  private Loopback(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts a server with one handler per path prefix.
   *
   * @param handlers path prefix to handler
   * @return the running server
   */
  static Loopback start(Map<String, HttpHandler> handlers) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      handlers.forEach(s::createContext);
      s.setExecutor(null);
      s.start();
      return new Loopback(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  URI base() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Reads and discards a request body, returning its length. */
  static long drain(HttpExchange exchange) throws IOException {
    long n = 0;
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = exchange.getRequestBody()) {
      for (int r; (r = in.read(buf)) >= 0; ) {
        n += r;
      }
    }
    return n;
  }

  /** Sends a JSON answer with a known length. */
  static void json(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
