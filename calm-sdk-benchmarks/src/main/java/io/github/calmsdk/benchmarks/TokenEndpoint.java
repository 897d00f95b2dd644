package io.github.calmsdk.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback OAuth token endpoint ({@code POST /oauth/token}): answers every request with a JWT-looking bearer
 * token that lives 12 hours ({@code expires_in 43200}, as XSUAA's do) and counts the requests.
 */
final class TokenEndpoint implements HttpHandler {
  static final String PATH = "/oauth/token";
  static final String CLIENT_ID = "sb-bench!b1234|calm-api!b5678";
  static final String CLIENT_SECRET = "bench-secret";

  private final AtomicInteger hits = new AtomicInteger();
  private volatile long delayMillis;
  private volatile long lastAnswerNanos;

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Loopback.drain(exchange);
    int n = hits.incrementAndGet();
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lastAnswerNanos = System.nanoTime();
    Loopback.json(exchange, 200, answer(n));
    exchange.close();
  }

  /** Makes every answer wait, as a remote token endpoint would. */
  void delayMillis(long millis) {
    this.delayMillis = millis;
  }

  /** System.nanoTime() when the last answer was sent. */
  long lastAnswerNanos() {
    return lastAnswerNanos;
  }

  int hits() {
    return hits.get();
  }

  /** The token response; a different token each time, all of the same length. */
  static byte[] answer(int serial) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        b64.encodeToString(
            ("{\"client_id\":\"" + CLIENT_ID.replace("|", "\\u007c") + "\",\"iat\":" + now
                    + ",\"exp\":" + (now + 43200) + ",\"jti\":\"" + String.format("%08d", serial)
                    + "\",\"scope\":[\"calm-api.features.read\",\"calm-api.imports.write\"]}")
                .getBytes(StandardCharsets.UTF_8));
    String signature = b64.encodeToString(new byte[256]);
    String token = header + "." + payload + "." + signature;
    return ("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":43200,"
            + "\"scope\":\"calm-api.features.read calm-api.imports.write\",\"jti\":\"" + serial + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
