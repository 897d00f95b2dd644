package io.github.calmsdk.spring.autoconfigure;

import io.github.calmsdk.auth.AccessToken;
import io.github.calmsdk.auth.CalmCredentials;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.core.error.CalmInvalidRequestException;
import io.github.calmsdk.features.FeatureQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code calm} health indicator: fetches a token for each key and makes one cheap read of each API the client
 * serves ({@code GET /v2/nodes} of transport management, {@code GET Features?$top=1} with a Cloud ALM key). It is
 * {@code DOWN} when any of them fails, with the failure's message (which never holds a secret) in the details. A
 * result is reused for {@code calm.health.cache-ttl}, so reading the health endpoint often never hammers Cloud ALM.
 *
 * <pre>{@code
 * CalmHealthIndicator health = new CalmHealthIndicator(calm, Duration.ofMinutes(1), Clock.systemUTC());
 * System.out.println(health.health().getStatus());   // UP
 * }</pre>
 */
public final class CalmHealthIndicator implements HealthIndicator {
  private final CalmClient client;
  private final Duration cacheTtl;
  private final Clock clock;
  private final Object lock = new Object();
  private volatile Checked last;

  private record Checked(Health health, Instant at) {}

  /**
   * Creates the indicator.
   *
   * @param client the client to check
   * @param cacheTtl how long a result is reused; zero checks at every read
   * @param clock the clock that ages results
   * @throws IllegalArgumentException when the time to live is negative
   */
  public CalmHealthIndicator(CalmClient client, Duration cacheTtl, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (cacheTtl.isNegative()) {
      throw new IllegalArgumentException("cacheTtl must be zero or positive, was " + cacheTtl);
    }
  }

  /**
   * The health: the cached result while it is younger than the time to live, else a new check.
   *
   * @return the health, with one detail per check
   */
  @Override
  public Health health() {
    Checked c = last;
    if (fresh(c)) {
      return c.health();
    }
    synchronized (lock) {
      c = last;
      if (fresh(c)) {
        return c.health();
      }
      Health h = check();
      last = new Checked(h, clock.instant());
      return h;
    }
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
    return "CalmHealthIndicator[cacheTtl=" + cacheTtl + "]";
  }
}
