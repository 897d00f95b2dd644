package io.github.calmsdk.core.internal.pipeline;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a body up to a limit. Past the limit it cancels the subscription, which closes the connection, and
 * completes with what it has and the {@code truncated} flag: a huge body is never read whole.
 */
final class LimitedBodySubscriber implements BodySubscriber<LimitedBodySubscriber.Body> {
  /** What was read. */
  record Body(byte[] bytes, boolean truncated) {}

  private final int limit;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final CompletableFuture<Body> result = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;

  LimitedBodySubscriber(int limit) {
    this.limit = limit;
  }

  /** The body, if reading stopped at the limit; null otherwise. */
  Body truncatedBody() {
    if (!result.isDone() || result.isCompletedExceptionally()) {
      return null;
    }
    Body b = result.join();
    return b.truncated() ? b : null;
  }

  @Override
  public CompletionStage<Body> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
    if (result.isDone()) {
      s.cancel();
      return;
    }
    s.request(Long.MAX_VALUE);
  }

  /**
   * Gives up reading (the attempt's time is over): fails the body and cancels the subscription, which closes the
   * connection. Does nothing once the body is complete.
   */
  void abort(Throwable reason) {
    if (result.completeExceptionally(reason)) {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : items) {
      int room = limit - out.size();
      int n = b.remaining();
      if (n > room) {
        byte[] part = new byte[room];
        b.get(part);
        out.write(part, 0, room);
        result.complete(new Body(out.toByteArray(), true));
        subscription.cancel();
        return;
      }
      byte[] chunk = new byte[n];
      b.get(chunk);
      out.write(chunk, 0, n);
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(new Body(out.toByteArray(), false));
  }
}
