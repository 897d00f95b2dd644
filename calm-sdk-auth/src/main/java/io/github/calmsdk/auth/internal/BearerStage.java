package io.github.calmsdk.auth.internal;

import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.ErrorDetails;

import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.CallContext;
import io.github.calmsdk.core.http.HttpStage;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's authorization stage: sends {@code Authorization: Bearer <token>} from the cache. On a 401 it drops
 * that token, gets a new one and sends the call once more; a second 401 is returned as it is (and becomes a {@link
 * io.github.calmsdk.core.error.CalmAuthException}), never a loop. A 401 proves the call was not processed, so the
 * resend is safe for calls that change state too. A 403 is not retried: a new token has the same scopes.
 *
 * <p>A token call made for a call runs within what is left of that call's deadline (and within the credentials'
 * own token call timeout, whichever is shorter); when the deadline ends it, the call fails with a {@link
 * io.github.calmsdk.core.error.CalmTimeoutException}.
 */
public final class BearerStage implements HttpStage {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.auth");

  private final TokenSlot slot;
  private final Clock clock;
  private final TokenSource source;

  /**
   * Creates the stage.
   *
   * @param slot the cache slot of the credentials
   * @param clock the credentials' clock
   * @param source where new tokens come from
   */
  public BearerStage(TokenSlot slot, Clock clock, TokenSource source) {
    this.slot = slot;
    this.clock = clock;
    this.source = source;
  }

  @Override
  public CalmResponse process(CalmRequest request, CallContext context, Next next) {
    requireTimeLeft(context);
    TokenState used = slot.get(clock, source, context.remaining());
    CalmResponse response = next.proceed(authorize(request, used));
    if (response.status() != 401) {
      return response;
    }
    LOG.debug(
        "{} answered 401 (request-id {}); dropping the cached access token and sending once more with a new one",
        request,
        context.requestId());
    slot.invalidate(used);
    requireTimeLeft(context);
    TokenState renewed = slot.get(clock, source, context.remaining());
    return next.proceed(authorize(request, renewed));
  }

  /** A token is not fetched, nor waited for, once the call's deadline has passed. */
  private static void requireTimeLeft(CallContext context) {
    if (context.remaining().isNegative() || context.remaining().isZero()) {
      throw new CalmTimeoutException(
          "the call's deadline passed before an access token was fetched", ErrorDetails.none(), null);
    }
  }

  private static CalmRequest authorize(CalmRequest request, TokenState state) {
    return request.toBuilder().setHeader("Authorization", state.authorization()).build();
  }

  @Override
  public String toString() {
    return "BearerStage[" + slot + "]";
  }
}
