package io.github.calmsdk.auth.internal;

import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.ErrorDetails;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cached token of one token URL and client id, with the refresh state machine of Google auth's
 * FRESH/STALE/EXPIRED states, AWS's CachedSupplier and Azure's AccessTokenCache:
 *
 * <ul>
 *   <li>FRESH: one volatile read and one {@code clock.millis()} comparison; no lock, no allocation.
 *   <li>STALE (inside the refresh margin): the first caller to claim the in-flight slot refreshes (on its own
 *       thread, or on the policy's executor); everyone else keeps getting the current token. A failed refresh
 *       keeps the current token and backs off before the next try.
 *   <li>EXPIRED (or none yet): callers wait, up to the policy's bound, for the one refresh in flight; if none is in
 *       flight, the first of them starts it.
 * </ul>
 *
 * <p>The single flight is a {@link CompletableFuture} in an {@link AtomicReference} (Azure's design): waiting on
 * it parks the thread without holding a monitor, which suits virtual threads.
 */
public final class TokenSlot {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.auth");
  private static final VarHandle STATE;
  /** The deadline of a caller that has none: a refresh in the background or {@link #get(Clock, TokenSource)}. */
  private static final long NO_DEADLINE = Long.MAX_VALUE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(TokenSlot.class, "state", TokenState.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final TokenPolicy policy;
  private final RandomGenerator random;
  private final AtomicReference<CompletableFuture<TokenState>> inFlight = new AtomicReference<>();
  private volatile TokenState state;
  private volatile long nextTryMillis = Long.MIN_VALUE;

  /**
   * Creates an empty slot.
   *
   * @param name what the slot is for, in logs (client id and token URL; no secret)
   * @param policy the timing rules
   * @param random where the jitter of each token's refresh point is drawn from (see {@link
   *     TokenPolicy#stateFor(IssuedToken, RandomGenerator)})
   */
  public TokenSlot(String name, TokenPolicy policy, RandomGenerator random) {
    this.name = name;
    this.policy = policy;
    this.random = random;
  }

  /**
   * The current token state, refreshing it first if it is stale (one caller) or expired (every caller waits); for
   * a caller without a deadline of its own, so a token call is bounded by the source's own timeout.
   *
   * @param clock the clock to judge freshness by
   * @param source where a new token comes from
   * @return a state whose token is not expired when this call began
   * @throws CalmAuthException when the token cannot be had
   */
  public TokenState get(Clock clock, TokenSource source) {
    TokenState s = state;
    if (s != null && clock.millis() < s.refreshAtMillis()) {
      return s;
    }
    return slowPath(clock, source, NO_DEADLINE);
  }

  /**
   * Like {@link #get(Clock, TokenSource)}, within the caller's deadline: a token call this caller makes gets at
   * most {@code timeLeft}, and waiting for another caller's token call ends when {@code timeLeft} runs out.
   *
   * @param clock the clock to judge freshness and the deadline by
   * @param source where a new token comes from
   * @param timeLeft how long the caller's call has left
   * @return a state whose token is not expired when this call began
   * @throws CalmAuthException when the token cannot be had
   * @throws CalmTimeoutException when {@code timeLeft} ran out before a token was had
   */
  public TokenState get(Clock clock, TokenSource source, Duration timeLeft) {
    long now = clock.millis();
    TokenState s = state;
    if (s != null && now < s.refreshAtMillis()) {
      return s;
    }
    long left = timeLeft.toMillis();
    return slowPath(clock, source, left >= NO_DEADLINE - now ? NO_DEADLINE : now + left);
  }

  /**
   * The cached state without refreshing, whatever its age.
   *
   * @return the state, or null when none is cached
   */
  public TokenState peek() {
    return state;
  }

  /**
   * Drops the cached token if it is still the given one (so a 401 on an old token never discards a newer one), and
   * forgets any back-off.
   *
   * @param expected the state that was rejected
   * @return true if it was dropped
   */
  public boolean invalidate(TokenState expected) {
    if (expected != null && STATE.compareAndSet(this, expected, (TokenState) null)) {
      nextTryMillis = Long.MIN_VALUE;
      LOG.debug("dropped the cached access token of {}", name);
      return true;
    }
    return false;
  }

  /** Drops the cached token, whatever it is, and forgets any back-off. */
  public void invalidate() {
    state = null;
    nextTryMillis = Long.MIN_VALUE;
  }

  private TokenState slowPath(Clock clock, TokenSource source, long deadline) {
    while (true) {
      TokenState s = state;
      long now = clock.millis();
      if (s != null && now < s.refreshAtMillis()) {
        return s;
      }
      if (s != null && now < s.expiresAtMillis()) {
        return stale(s, now, clock, source, deadline);
      }
      CompletableFuture<TokenState> running = inFlight.get();
      if (running != null && running.isCompletedExceptionally()) {
        // a refresh that has already failed is over: never hand its failure to a caller who came later
        inFlight.compareAndSet(running, null);
        continue;
      }
      if (running != null) {
        TokenState awaited = await(running, clock, deadline);
        if (awaited != null) {
          return awaited;
        }
        continue;
      }
      CompletableFuture<TokenState> mine = new CompletableFuture<>();
      if (inFlight.compareAndSet(null, mine)) {
        return refresh(mine, clock, source, deadline);
      }
    }
  }

  private TokenState stale(TokenState s, long now, Clock clock, TokenSource source, long deadline) {
    if (now < nextTryMillis || inFlight.get() != null) {
      return s;
    }
    CompletableFuture<TokenState> mine = new CompletableFuture<>();
    if (!inFlight.compareAndSet(null, mine)) {
      return s;
    }
    Executor executor = policy.refreshExecutor();
    if (executor != null) {
      try {
        executor.execute(() -> refreshInBackground(mine, s, clock, source));
        return s;
      } catch (RejectedExecutionException e) {
        LOG.debug("the refresh executor rejected the refresh of {}; refreshing on the calling thread", name);
      }
    }
    return refreshKeepingStale(mine, s, clock, source, deadline);
  }

  private void refreshInBackground(
      CompletableFuture<TokenState> mine, TokenState old, Clock clock, TokenSource source) {
    try {
      refreshKeepingStale(mine, old, clock, source, NO_DEADLINE);
    } catch (RuntimeException e) {
      // the token expired meanwhile; callers waiting on the flight get this failure themselves
      LOG.debug("background refresh of the access token of {} failed: {}", name, e.getMessage());
    }
  }

  /** Refreshes a stale token; if that fails while the old one is still valid, keeps it and backs off. */
  private TokenState refreshKeepingStale(
      CompletableFuture<TokenState> mine, TokenState old, Clock clock, TokenSource source, long deadline) {
    try {
      return refresh(mine, clock, source, deadline);
    } catch (RuntimeException e) {
      long now = clock.millis();
      TokenState current = state;
      if (current != null && current != old && now < current.expiresAtMillis()) {
        return current;
      }
      if (e instanceof CalmTimeoutException && now < old.expiresAtMillis()) {
        // this caller's deadline ended the refresh, not the token endpoint: the next caller may try at once
        return old;
      }
      if (now < old.expiresAtMillis()) {
        long next = policy.nextTryAfterFailure(now, old.expiresAtMillis());
        nextTryMillis = next;
        LOG.warn(
            "refreshing the access token of {} failed; still using the cached token, which is valid for {} s more;"
                + " next try in {} ms: {}",
            name,
            (old.expiresAtMillis() - now) / 1000,
            next - now,
            e.getMessage());
        return old;
      }
      throw e;
    }
  }

  private TokenState refresh(CompletableFuture<TokenState> mine, Clock clock, TokenSource source, long deadline) {
    try {
      TokenState current = state;
      if (current != null && clock.millis() < current.refreshAtMillis()) {
        // refreshed by another caller between our read and our claim of the in-flight slot
        mine.complete(current);
        return current;
      }
      TokenState next =
          policy.stateFor(
              source.fetch(deadline == NO_DEADLINE ? null : Duration.ofMillis(deadline - clock.millis())), random);
      state = next;
      nextTryMillis = Long.MIN_VALUE;
      // free the slot before waking the waiters, so that one who comes back at once starts a new refresh
      inFlight.compareAndSet(mine, null);
      mine.complete(next);
      return next;
    } catch (RuntimeException | Error e) {
      inFlight.compareAndSet(mine, null);
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.compareAndSet(mine, null);
    }
  }

  /**
   * Waits for the refresh in flight, up to the policy's bound and the caller's deadline.
   *
   * @return the state, or null when that refresh ran out of its own caller's time and this caller should try again
   */
  private TokenState await(CompletableFuture<TokenState> running, Clock clock, long deadline) {
    long waitMillis = policy.maxWait().toMillis();
    long leftMillis = deadline == NO_DEADLINE ? Long.MAX_VALUE : deadline - clock.millis();
    boolean deadlineFirst = leftMillis < waitMillis;
    try {
      if (leftMillis <= 0) {
        throw new TimeoutException();
      }
      return running.get(deadlineFirst ? leftMillis : waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CalmAuthException(
          "interrupted while waiting for the access token of " + name, ErrorDetails.none(), e);
    } catch (TimeoutException e) {
      if (deadlineFirst) {
        throw new CalmTimeoutException(
            "the call's deadline passed while waiting for the token request in flight for " + name,
            ErrorDetails.none(),
            null);
      }
      throw new CalmAuthException(
          "no access token for "
              + name
              + " within "
              + waitMillis
              + " ms: the token request in flight has not finished (TokenCache maxWait)",
          ErrorDetails.none(),
          e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CalmTimeoutException && clock.millis() < deadline) {
        // the refreshing caller's own deadline ended its token call; this caller still has time of its own
        return null;
      }
      if (cause instanceof CalmAuthException) {
        CalmAuthException a = (CalmAuthException) cause;
        // the same message on this thread's stack; the refreshing thread's failure is the cause
        throw new CalmAuthException(a.summary(), a.details(), a);
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new CalmAuthException("the token refresh failed for " + name, ErrorDetails.none(), cause);
    }
  }

  @Override
  public String toString() {
    return "TokenSlot[" + name + "]";
  }
}
