package io.github.calmsdk.benchmarks;

import io.github.calmsdk.core.ClientContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.calmsdk.auth.AccessToken;
import io.github.calmsdk.auth.CalmCredentials;
import io.github.calmsdk.auth.ServiceKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Figure 2a: reading a fresh, cached token. {@code sdk} is {@link CalmCredentials#token()} with a warm cache;
 * {@code baseline} is the least a hand-written cache can do: one volatile read and one clock comparison. Both
 * got their token from the same loopback token endpoint and read the same system clock. Run with {@code -prof gc}
 * for B/op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenReadBenchmark {
  private Loopback server;
  private CalmCredentials credentials;
  private HandWrittenCache handWritten;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    server = Loopback.start(Map.of(TokenEndpoint.PATH, new TokenEndpoint()));
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    ServiceKey key =
        ServiceKey.ofClientCredentials(
            URI.create(server.base() + "/api"), server.base(), TokenEndpoint.CLIENT_ID, TokenEndpoint.CLIENT_SECRET);
    credentials = CalmCredentials.builder(key).context(ClientContext.builder().httpClient(http).build()).build();
    credentials.token();
    handWritten = new HandWrittenCache(http, URI.create(server.base() + TokenEndpoint.PATH), Clock.systemUTC());
    handWritten.token();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.close();
  }

  @Benchmark
  public AccessToken sdk() {
    return credentials.token();
  }

  @Benchmark
  public AccessToken baseline() {
    return handWritten.token();
  }

  /**
   * What a hand-written client would do: fetch with java.net.http + Jackson, keep the token and the time to refresh
   * it in one volatile field; refresh under a ReentrantLock with a second check inside (double-checked locking), so
   * a stampede makes one request. No stale handling, no failure back-off: the floor the SDK's fresh path is
   * measured against, and the hand-written reference of the stampede.
   */
  static final class HandWrittenCache {
    private record Entry(AccessToken token, long refreshAtMillis) {}

    private final HttpClient http;
    private final URI tokenUri;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Entry entry;

    HandWrittenCache(HttpClient http, URI tokenUri, Clock clock) {
      this.http = http;
      this.tokenUri = tokenUri;
      this.clock = clock;
    }

    AccessToken token() {
      Entry e = entry;
      if (e != null && clock.millis() < e.refreshAtMillis) {
        return e.token;
      }
      lock.lock();
      try {
        e = entry;
        if (e != null && clock.millis() < e.refreshAtMillis) {
          return e.token;
        }
        return fetch();
      } finally {
        lock.unlock();
      }
    }

    private AccessToken fetch() {
      try {
        String basic =
            Base64.getEncoder()
                .encodeToString(
                    (TokenEndpoint.CLIENT_ID + ":" + TokenEndpoint.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        HttpRequest request =
            HttpRequest.newBuilder(tokenUri)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        long sentAt = clock.millis();
        byte[] body = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
        JsonNode json = mapper.readTree(body);
        long expiresAt = sentAt + json.get("expires_in").asLong() * 1000;
        AccessToken token =
            new AccessToken(json.get("access_token").asText(), "Bearer", Instant.ofEpochMilli(expiresAt), Set.of());
        entry = new Entry(token, expiresAt - 300_000);
        return token;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
