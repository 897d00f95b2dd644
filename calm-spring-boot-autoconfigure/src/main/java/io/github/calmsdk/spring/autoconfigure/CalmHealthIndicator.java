package io.github.calmsdk.spring.autoconfigure;

import io.github.calmsdk.auth.AccessToken;
import io.github.calmsdk.auth.CalmCredentials;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.core.error.CalmInvalidRequestException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.features.FeatureQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code calm} health indicator: fetches a token for each key and makes one cheap read of each API the client
 * serves ({@code GET /v2/nodes} of transport management, {@code GET Features?$top=1} with a Cloud ALM key). It is
 * {@code DOWN} when any of them fails, with the failure's message (which never holds a secret) in the details. A
 * result is reused for {@code calm.health.cache-ttl}, so reading the health endpoint often never hammers Cloud ALM.
 *
 * <p>A read never waits longer than {@code calm.health.timeout}. The checks run as one shared check on a thread of
 * their own: a reader that arrives while a check is in flight joins it instead of starting another one. When the
 * check has not finished within the timeout, the reader gets {@code DOWN} with "timed out after ..." (a Cloud ALM
 * that does not answer is down for the application; a stale result is not shown as current). The check goes on,
 * bounded by the client's call timeout, and the next reader gets its result as soon as it is there.
 *
 * <p>When the application runs the relay (calm-sdk-relay, {@code calm.relay.enabled=true}) and its thread stopped
 * on an unexpected failure, a {@code relay} detail says so and the indicator is {@code DOWN}; this part is read at
 * every request, not cached.
 *
 * <pre>{@code
 * CalmHealthIndicator health =
 *     new CalmHealthIndicator(calm, Duration.ofMinutes(1), Duration.ofSeconds(10), Clock.systemUTC());
 * System.out.println(health.health().getStatus());   // UP
 * }</pre>
 */
public final class CalmHealthIndicator implements HealthIndicator {
  private final CalmClient client;
  private final Duration cacheTtl;
  private final Duration timeout;
  private final Clock clock;
  private final Await await;
  private final Supplier<Optional<String>> relayFailure;
  private final Object lock = new Object();
  private volatile Checked last;
  private CompletableFuture<Checked> inFlight;

  private record Checked(Health health, Instant at) {}

  /** Waits for the shared check; tests replace it to let a timeout elapse on a fake clock. */
  @FunctionalInterface
  interface Await {
    Health await(CompletableFuture<Health> check, Duration timeout)
        throws InterruptedException, ExecutionException, TimeoutException;
  }

  /**
   * Creates the indicator.
   *
   * @param client the client to check
   * @param cacheTtl how long a result is reused; zero checks at every read
   * @param timeout how long a read waits for a check in flight; positive
   * @param clock the clock that ages results
   * @throws CalmValidationException when the time to live is negative or the timeout is not positive
   */
  public CalmHealthIndicator(CalmClient client, Duration cacheTtl, Duration timeout, Clock clock) {
    this(client, cacheTtl, timeout, clock, (f, t) -> f.get(t.toNanos(), TimeUnit.NANOSECONDS), Optional::empty);
  }

  CalmHealthIndicator(CalmClient client, Duration cacheTtl, Duration timeout, Clock clock, Await await,
      Supplier<Optional<String>> relayFailure) {
    this.client = Objects.requireNonNull(client, "client");
    this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.await = Objects.requireNonNull(await, "await");
    this.relayFailure = Objects.requireNonNull(relayFailure, "relayFailure");
    if (cacheTtl.isNegative()) {
      throw new CalmValidationException("cacheTtl", "must be zero or positive, was " + cacheTtl);
    }
    if (timeout.isZero() || timeout.isNegative()) {
      throw new CalmValidationException("timeout", "must be positive, was " + timeout);
    }
  }

  /**
   * The health: the cached result while it is younger than the time to live, else the result of the check in
   * flight (started when none is), waiting at most the timeout.
   *
   * @return the health, with one detail per check
   */
  @Override
  public Health health() {
    return withRelay(cachedOrChecked());
  }

  private Health cachedOrChecked() {
    Checked c = last;
    if (fresh(c)) {
      return c.health();
    }
    CompletableFuture<Checked> check;
    synchronized (lock) {
      c = last;
      if (fresh(c)) {
        return c.health();
      }
      if (inFlight == null) {
        check = startCheck();
        if (!check.isCompletedExceptionally()) {
          inFlight = check;   // cleared by the check's thread when it ends
        }
      } else {
        check = inFlight;
      }
    }
    try {
      return await.await(check.thenApply(Checked::health), timeout);
    } catch (TimeoutException e) {
      return Health.down()
          .withDetail("error", "timed out after " + timeout + " (calm.health.timeout); the check goes on")
          .withDetail("checkedAt", clock.instant().toString())
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.unknown().withDetail("error", "interrupted while waiting for the check").build();
    } catch (ExecutionException e) {
      // check() catches each probe's failure; this is an Error or a bug, reported without its message's causes
      Throwable t = e.getCause() == null ? e : e.getCause();
      return Health.down().withDetail("error", t.getClass().getSimpleName() + ": " + t.getMessage()).build();
    }
  }

  private CompletableFuture<Checked> startCheck() {
    CompletableFuture<Checked> f = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      Checked done = null;
      Throwable failed = null;
      try {
        done = new Checked(check(), clock.instant());
      } catch (RuntimeException | Error e) {
        failed = e;
      }
      // the result and the end of the check in one step: a reader never joins a finished check once it is stale
      synchronized (lock) {
        if (done != null) {
          last = done;
        }
        if (inFlight == f) {
          inFlight = null;
        }
      }
      if (done != null) {
        f.complete(done);
      } else {
        f.completeExceptionally(failed);
      }
    }, "calm-health-check");
    t.setDaemon(true);
    try {
      t.start();
    } catch (RuntimeException | Error e) {
      f.completeExceptionally(e);   // not kept in flight: the next reader tries again
    }
    return f;
  }

  private Health withRelay(Health health) {
    Optional<String> failure = relayFailure.get();
    if (failure.isEmpty()) {
      return health;
    }
    return Health.down()
        .withDetails(health.getDetails())
        .withDetail("relay", Map.of("status", "DOWN", "error", failure.get()))
        .build();
  }

  private boolean fresh(Checked c) {
    return c != null && clock.instant().isBefore(c.at().plus(cacheTtl));
  }

  private Health check() {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean serviceToken = token("token", client.credentials(), details);
    boolean up = serviceToken;
    boolean separateTransportKey = client.transportCredentials() != client.credentials();
    boolean transportToken = separateTransportKey
        ? token("transportKeyToken", client.transportCredentials(), details)
        : serviceToken;
    up &= transportToken;
    if (transportToken) {
      up &= probe("transportManagement", details, () -> {
        int n = client.deployment().nodes().size();
        return Map.of("nodes", n);
      });
    } else {
      details.put("transportManagement", Map.of("status", "UNKNOWN", "detail", "skipped: no token"));
    }
    if (client.hasFeatures()) {
      if (serviceToken) {
        up &= probe("features", details, () -> {
          try {
            boolean any = client.features().list(FeatureQuery.builder().top(1).build()).iterator().hasNext();
            return Map.of("detail", any ? "readable" : "readable (no features yet)");
          } catch (CalmInvalidRequestException e) {
            // authorized and reachable: the tenant only wants a projectId, which this probe does not send
            return Map.of("detail", "reachable (HTTP " + e.status() + ": the tenant wants a projectId)");
          }
        });
      } else {
        details.put("features", Map.of("status", "UNKNOWN", "detail", "skipped: no token"));
      }
    }
    details.put("checkedAt", clock.instant().toString());
    return Health.status(up ? Status.UP : Status.DOWN).withDetails(details).build();
  }

  private boolean token(String name, CalmCredentials credentials, Map<String, Object> details) {
    try {
      AccessToken token = credentials.token();
      details.put(name, Map.of("status", "UP", "expiresAt", token.expiresAt().toString()));
      return true;
    } catch (RuntimeException e) {
      details.put(name, failure(e));
      return false;
    }
  }

  private interface Probe {
    Map<String, Object> run();
  }

  private static boolean probe(String name, Map<String, Object> details, Probe probe) {
    try {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("status", "UP");
      d.putAll(probe.run());
      details.put(name, d);
      return true;
    } catch (RuntimeException e) {
      details.put(name, failure(e));
      return false;
    }
  }

  private static Map<String, Object> failure(RuntimeException e) {
    // the SDK's messages never hold a secret; the exception itself (and its causes) is not exposed
    return Map.of("status", "DOWN", "error", e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  @Override
  public String toString() {
    return "CalmHealthIndicator[cacheTtl=" + cacheTtl + ", timeout=" + timeout + "]";
  }
}
