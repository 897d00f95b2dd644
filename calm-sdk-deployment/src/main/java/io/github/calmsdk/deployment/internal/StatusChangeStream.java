package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.deployment.StatusChange;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A blocking stream fed by a watcher through a queue; closing the stream closes the watcher. */
final class StatusChangeStream {
  private static final Object END = new Object();

  private StatusChangeStream() {}

  /**
   * Opens a stream.
   *
   * @param start starts a watcher given its listener and its end hook
   * @return the stream
   */
  static Stream<StatusChange> open(
      Function<Feed, PollingStatusWatcher> start) {
    BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    PollingStatusWatcher watcher = start.apply(new Feed(queue));
    Spliterator<StatusChange> split =
        new Spliterators.AbstractSpliterator<StatusChange>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
          private boolean done;

          @Override
          public boolean tryAdvance(Consumer<? super StatusChange> action) {
            if (done) {
              return false;
            }
            Object next;
            try {
              next = queue.take();
            } catch (InterruptedException e) {
              done = true;
              watcher.close();
              Thread.currentThread().interrupt();
              return false;
            }
            if (next == END) {
              done = true;
              return false;
            }
            action.accept((StatusChange) next);
            return true;
          }
        };
    return StreamSupport.stream(split, false).onClose(watcher::close);
  }

  /** The listener and end hook that feed the queue. */
  static final class Feed {
    private final BlockingQueue<Object> queue;

    Feed(BlockingQueue<Object> queue) {
      this.queue = queue;
    }

    void change(StatusChange c) {
      queue.add(c);
    }

    void end() {
      queue.add(END);
    }
  }
}
