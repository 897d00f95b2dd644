package io.github.calmsdk.core.internal.pipeline;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.ArrayList;
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
  /**
   * The buffers as received: the HTTP client hands each buffer to its subscriber and does not reuse it (the JDK's
   * own {@code BodyHandlers.ofByteArray()} keeps them the same way), so the body is copied once, at the end.
   */
  private final List<ByteBuffer> received = new ArrayList<>();
  private int size;
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
      int room = limit - size;
      int n = b.remaining();
      if (n > room) {
        received.add(b.slice().limit(room));
        size += room;
        result.complete(new Body(joined(), true));
        subscription.cancel();
        return;
      }
      received.add(b);
      size += n;
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(new Body(joined(), false));
  }

  private byte[] joined() {
    byte[] all = new byte[size];
    int at = 0;
    for (ByteBuffer b : received) {
      int n = b.remaining();
      b.get(all, at, n);
      at += n;
    }
    received.clear();
    return all;
  }
}
