package io.github.calmsdk.testkit.internal;

import io.github.calmsdk.testkit.Fault;
import io.github.calmsdk.testkit.FaultMix;
import io.github.calmsdk.testkit.FaultSpec;
import io.github.calmsdk.testkit.Faults;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/** The rules and the random mix of one fake; thread-safe. */
final class FaultRegistry implements Faults {
  static final String TOKEN_PATH_REGEX = "/uaa/oauth/token/?";

  /** What a fault does to a request. */
  enum Kind {
    NONE,
    STATUS,
    RESET,
    MALFORMED,
    DROP
  }

  /** The decision for one request. */
  record Plan(Duration delay, Kind kind, int status, Map<String, String> headers, String body) {}

  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final AtomicReference<RandomFaults> random = new AtomicReference<>();

  @Override
  public FaultSpec on(String method, String pathRegex) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathRegex, "pathRegex");
    return new Rule(method, Pattern.compile(pathRegex));
  }

  @Override
  public FaultSpec tokenEndpoint() {
    return new Rule("*", Pattern.compile(TOKEN_PATH_REGEX));
  }

  @Override
  public Fault random(long seed, FaultMix mix) {
    Objects.requireNonNull(mix, "mix");
    RandomFaults r = new RandomFaults(seed, mix);
    RandomFaults old = random.getAndSet(r);
    if (old != null) {
      old.cancel();
    }
    return r;
  }

  @Override
  public void clear() {
    rules.forEach(Rule::cancel);
    rules.clear();
    RandomFaults old = random.getAndSet(null);
    if (old != null) {
      old.cancel();
    }
  }

  /** The fault for a request, or null for none; counts the firing. */
  Plan decide(String method, String rawPath, boolean tokenEndpoint) {
    for (Rule r : rules) {
      if (r.matches(method, rawPath) && r.tryFire()) {
        return r.plan();
      }
    }
    RandomFaults r = random.get();
    if (r != null && (tokenEndpoint ? r.mix.includeTokenEndpoint() : rawPath.startsWith("/api/"))
        && r.pattern.matcher(rawPath).matches()) {
      return r.draw();
    }
    return null;
  }

  /** A rule; a {@link FaultSpec} until armed, then a {@link Fault}. */
  private final class Rule implements FaultSpec, Fault {
    private final String method;
    private final Pattern pattern;
    private final AtomicInteger fired = new AtomicInteger();
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile boolean cancelled;
    private Duration delay = Duration.ZERO;
    private Kind kind = Kind.NONE;
    private int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private volatile Plan plan;

    Rule(String method, Pattern pattern) {
      this.method = method.toUpperCase(Locale.ROOT);
      this.pattern = pattern;
    }

    boolean matches(String requestMethod, String rawPath) {
      return !cancelled
          && (method.equals("*") || method.equals(requestMethod))
          && pattern.matcher(rawPath).matches();
    }

    boolean tryFire() {
      while (true) {
        int left = remaining.get();
        if (cancelled || left == 0) {
          return false;
        }
        if (left < 0 || remaining.compareAndSet(left, left - 1)) {
          fired.incrementAndGet();
          return true;
        }
      }
    }

    Plan plan() {
      return plan;
    }

    private Rule kind(Kind k) {
      checkNotArmed();
      if (kind != Kind.NONE && kind != k) {
        throw new IllegalStateException("a rule has one kind; it already is " + kind);
      }
      kind = k;
      return this;
    }

    private void checkNotArmed() {
      if (armed.get()) {
        throw new IllegalStateException("this fault is already armed");
      }
    }

    @Override
    public FaultSpec status(int status) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("not an HTTP status: " + status);
      }
      kind(Kind.STATUS);
      this.status = status;
      return this;
    }

    @Override
    public FaultSpec body(String json) {
      checkNotArmed();
      this.body = Objects.requireNonNull(json, "json");
      return this;
    }

    @Override
    public FaultSpec retryAfter(Duration delay) {
      long seconds = (delay.toMillis() + 999) / 1000;
      return header("Retry-After", Long.toString(seconds));
    }

    @Override
    public FaultSpec header(String name, String value) {
      checkNotArmed();
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    @Override
    public FaultSpec delay(Duration delay) {
      checkNotArmed();
      if (delay.isNegative()) {
        throw new IllegalArgumentException("a delay must not be negative");
      }
      this.delay = delay;
      return this;
    }

    @Override
    public FaultSpec connectionReset() {
      return kind(Kind.RESET);
    }

    @Override
    public FaultSpec malformedBody() {
      return kind(Kind.MALFORMED);
    }

    @Override
    public FaultSpec dropResponseAfterProcessing() {
      return kind(Kind.DROP);
    }

    @Override
    public Fault times(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("times must be at least 1");
      }
      return arm(n);
    }

    @Override
    public Fault once() {
      return arm(1);
    }

    @Override
    public Fault always() {
      return arm(-1);
    }

    private Fault arm(int count) {
      if (!armed.compareAndSet(false, true)) {
        throw new IllegalStateException("this fault is already armed");
      }
      if (kind == Kind.NONE && delay.isZero()) {
        throw new IllegalStateException("choose a fault: status, delay, connectionReset, malformedBody or "
            + "dropResponseAfterProcessing");
      }
      plan = new Plan(delay, kind, status, Map.copyOf(headers), body);
      remaining.set(count);
      rules.add(this);
      return this;
    }

    @Override
    public int fired() {
      return fired.get();
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public String toString() {
      return "Fault[" + method + " " + pattern + " " + kind + ", fired " + fired.get() + "]";
    }
  }

  /** The seeded random mix. */
  private static final class RandomFaults implements Fault {
    private final Random random;
    private final FaultMix mix;
    private final Pattern pattern;
    private final AtomicInteger fired = new AtomicInteger();
    private volatile boolean cancelled;

    RandomFaults(long seed, FaultMix mix) {
      this.random = new Random(seed);
      this.mix = mix;
      this.pattern = Pattern.compile(mix.pathRegex());
    }

    Plan draw() {
      if (cancelled) {
        return null;
      }
      double u = random.nextDouble();
      Map<String, String> retry = mix.retryAfter() == null
          ? Map.of()
          : Map.of("Retry-After", Long.toString((mix.retryAfter().toMillis() + 999) / 1000));
      double edge = mix.rate429();
      Plan plan = null;
      if (u < edge) {
        plan = new Plan(Duration.ZERO, Kind.STATUS, 429, retry, null);
      } else if (u < (edge += mix.rate500())) {
        plan = new Plan(Duration.ZERO, Kind.STATUS, 500, Map.of(), null);
      } else if (u < (edge += mix.rate503())) {
        plan = new Plan(Duration.ZERO, Kind.STATUS, 503, retry, null);
      } else if (u < (edge += mix.resetRate())) {
        plan = new Plan(Duration.ZERO, Kind.RESET, 0, Map.of(), null);
      } else if (u < (edge += mix.stallRate())) {
        plan = new Plan(mix.stall(), Kind.NONE, 0, Map.of(), null);
      } else if (u < edge + mix.dropAfterProcessingRate()) {
        plan = new Plan(Duration.ZERO, Kind.DROP, 0, Map.of(), null);
      }
      if (plan != null) {
        fired.incrementAndGet();
      }
      return plan;
    }

    @Override
    public int fired() {
      return fired.get();
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public String toString() {
      return "RandomFaults[" + mix + ", fired " + fired.get() + "]";
    }
  }
}
