package io.github.calmsdk.benchmarks;

import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.auth.CalmCredentials;
import io.github.calmsdk.auth.ServiceKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Figure 2b: a stampede. 256 threads are released together on an expired token (the clock is moved 12 h 1 min
 * forward before each round); the token endpoint must see exactly one request per round. The baseline is the same
 * 256 threads released together on a fresh token, so thread wake-up and scheduling on a busy machine are on both
 * sides; the difference of the p99 latencies is what the expiry adds. For scale, the harness also times one
 * caller alone on an expired token (the refresh itself), and runs the same stampede on a hand-written cache
 * (java.net.http + Jackson, double-checked locking with a ReentrantLock).
 *
 * <p>Each scenario runs twice: with the loopback endpoint answering at once, and with it answering after {@code
 * --slow-ms} (default 50 ms, a plausible remote XSUAA), which makes sure that every thread calls while the one
 * refresh is in flight (on 2 cores, waking 256 threads takes longer than a loopback token call). The harness
 * counts the threads that called before the endpoint answered.
 *
 * <pre>java -cp benchmarks.jar io.github.calmsdk.benchmarks.TokenStampede --rounds 20 --out target/results</pre>
 */
public final class TokenStampede {
  private static final Duration PAST_EXPIRY = Duration.ofHours(12).plusMinutes(1);

  private TokenStampede() {}

  /** Something that hands out tokens. */
  private interface Subject {
    Object token();
  }

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(Results.arg(args, "--threads", "256"));
    int rounds = Integer.parseInt(Results.arg(args, "--rounds", "20"));
    int warmupRounds = Integer.parseInt(Results.arg(args, "--warmup", "3"));
    long slowMillis = Long.parseLong(Results.arg(args, "--slow-ms", "50"));
    Path out = Path.of(Results.arg(args, "--out", "target/results"));

    TokenEndpoint endpoint = new TokenEndpoint();
    Results results = new Results("stampede").put("threads", threads).put("rounds", rounds);
    boolean ok = true;
    System.out.println("TokenStampede: " + threads + " threads, " + rounds + " rounds");
    try (Loopback server = Loopback.start(Map.of(TokenEndpoint.PATH, endpoint))) {
      MutableClock clock = new MutableClock();
      HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
      ServiceKey key =
          ServiceKey.ofClientCredentials(
              URI.create(server.base() + "/api"), server.base(), TokenEndpoint.CLIENT_ID, TokenEndpoint.CLIENT_SECRET);
      CalmCredentials credentials =
          CalmCredentials.builder(key).context(ClientContext.builder().httpClient(http).clock(clock).build()).build();
      TokenReadBenchmark.HandWrittenCache handWritten =
          new TokenReadBenchmark.HandWrittenCache(http, URI.create(server.base() + TokenEndpoint.PATH), clock);
      Subject sdk = credentials::token;
      Subject hand = handWritten::token;
      sdk.token();
      hand.token();

      for (long delay : new long[] {0, slowMillis}) {
        endpoint.delayMillis(delay);
        String p = delay == 0 ? "fast." : "slow.";
        results.put(p + "endpointDelayMs", delay);
        results.put(p + "single.refresh.p50.us", single(sdk, clock, Math.max(20, rounds)) / 1e3);
        ok &= scenario(sdk, endpoint, clock, threads, rounds, warmupRounds, p + "sdk.", results);
        ok &= scenario(hand, endpoint, clock, threads, rounds, warmupRounds, p + "handWritten.", results);
      }
      results.write(out);
    }
    if (!ok) {
      System.err.println("FAILED: expected exactly one token request per expired round and none on fresh rounds");
      System.exit(1);
    }
  }

  /** The median time of one caller alone on an expired token. */
  private static long single(Subject s, MutableClock clock, int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      clock.advance(PAST_EXPIRY);
      long t0 = System.nanoTime();
      s.token();
      t[i] = System.nanoTime() - t0;
    }
    Arrays.sort(t);
    return Results.percentile(t, 50);
  }

  private static boolean scenario(
      Subject subject,
      TokenEndpoint endpoint,
      MutableClock clock,
      int threads,
      int rounds,
      int warmupRounds,
      String p,
      Results results)
      throws InterruptedException {
    for (int i = 0; i < warmupRounds; i++) {
      round(subject, threads);
      clock.advance(PAST_EXPIRY);
      round(subject, threads);
    }
    long[] fresh = new long[threads * rounds];
    long[] expired = new long[threads * rounds];
    int[] hitsPerRound = new int[rounds];
    int freshHits = 0;
    int minInFlight = Integer.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      int before = endpoint.hits();
      System.arraycopy(round(subject, threads).latency, 0, fresh, r * threads, threads);
      freshHits += endpoint.hits() - before;

      clock.advance(PAST_EXPIRY);
      before = endpoint.hits();
      Round x = round(subject, threads);
      System.arraycopy(x.latency, 0, expired, r * threads, threads);
      hitsPerRound[r] = endpoint.hits() - before;
      long answered = endpoint.lastAnswerNanos();
      int inFlight = (int) Arrays.stream(x.start).filter(t -> t < answered).count();
      minInFlight = Math.min(minInFlight, inFlight);
    }
    Arrays.sort(fresh);
    Arrays.sort(expired);
    int min = Arrays.stream(hitsPerRound).min().orElse(-1);
    int max = Arrays.stream(hitsPerRound).max().orElse(-1);
    long p99Fresh = Results.percentile(fresh, 99);
    long p99Expired = Results.percentile(expired, 99);
    boolean exactlyOne = min == 1 && max == 1 && freshHits == 0;
    results
        .put(p + "tokenRequestsPerExpiredRound.min", min)
        .put(p + "tokenRequestsPerExpiredRound.max", max)
        .put(p + "tokenRequestsInFreshRounds", freshHits)
        .put(p + "exactlyOne", exactlyOne)
        .put(p + "callersBeforeAnswer.min", minInFlight)
        .put(p + "fresh.p50.us", Results.percentile(fresh, 50) / 1e3)
        .put(p + "fresh.p99.us", p99Fresh / 1e3)
        .put(p + "expired.p50.us", Results.percentile(expired, 50) / 1e3)
        .put(p + "expired.p99.us", p99Expired / 1e3)
        .put(p + "expired.max.us", expired[expired.length - 1] / 1e3)
        .put(p + "addedP99.us", (p99Expired - p99Fresh) / 1e3);
    return exactlyOne;
  }

  private record Round(long[] start, long[] latency) {}

  /** Starts the threads, waits until all are ready, releases them at once; returns each one's token() timing. */
  private static Round round(Subject subject, int n) throws InterruptedException {
    long[] start = new long[n];
    long[] latency = new long[n];
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] all = new Thread[n];
    for (int i = 0; i < n; i++) {
      int id = i;
      all[i] =
          new Thread(
              () -> {
                ready.countDown();
                try {
                  go.await();
                  long t0 = System.nanoTime();
                  subject.token();
                  start[id] = t0;
                  latency[id] = System.nanoTime() - t0;
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              },
              "stampede-" + i);
      all[i].start();
    }
    ready.await();
    go.countDown();
    for (Thread t : all) {
      t.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a token() call failed", failure.get());
    }
    return new Round(start, latency);
  }
}
