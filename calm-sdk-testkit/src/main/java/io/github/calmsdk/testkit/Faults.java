package io.github.calmsdk.testkit;

/**
 * Fault injection for one {@link FakeCalm}. A rule matches a request by HTTP method and by a regular expression
 * that must match the <b>whole raw request path</b> (as sent, percent-encoding kept, without the query string), for
 * example {@code /api/imp-cdm-transport-management-api/v1/v2/nodes/export} or {@code /uaa/oauth/token}. Rules are
 * tried in the order they were added; the first one that matches and still has firings left fires, and at most one
 * fault applies to a request. The random mix applies only when no rule fired.
 *
 * <pre>{@code
 * fake.faults().on("POST", ".+/v2/nodes/export").status(503).retryAfter(Duration.ofSeconds(1)).times(2);
 * fake.faults().on("GET", ".*").delay(Duration.ofSeconds(2)).once();
 * fake.faults().tokenEndpoint().status(503).times(3);
 * Fault chaos = fake.faults().random(42L, FaultMix.builder().rate503(0.05).resetRate(0.02).build());
 * }</pre>
 */
public interface Faults {
  /**
   * Starts a rule for requests with this method whose whole raw path matches the regex.
   *
   * @param method an HTTP method (case-insensitive), or {@code "*"} for any
   * @param pathRegex a {@link java.util.regex.Pattern} that must match the whole raw path (without the query)
   * @return the rule to complete with a fault kind and a count such as {@link FaultSpec#once()}
   * @throws java.util.regex.PatternSyntaxException when the regex is invalid
   */
  FaultSpec on(String method, String pathRegex);

  /**
   * Starts a rule for the token endpoint ({@code /uaa/oauth/token}, any method).
   *
   * @return the rule to complete
   */
  FaultSpec tokenEndpoint();

  /**
   * Injects faults at random with a fixed seed, replacing any earlier random mix. Each request that no rule
   * handled draws one number; with the same seed and the same sequence of requests the same faults fire.
   *
   * @param seed the seed
   * @param mix the rates of each fault kind
   * @return a handle that counts the random faults that fired
   */
  Fault random(long seed, FaultMix mix);

  /** Removes every rule and the random mix. Faults already in progress (a running delay) are not interrupted. */
  void clear();
}
