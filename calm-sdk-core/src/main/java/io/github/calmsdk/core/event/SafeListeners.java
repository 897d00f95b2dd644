package io.github.calmsdk.core.event;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Several listeners as one; each call is guarded, so a throwing listener never reaches the call. */
final class SafeListeners implements CalmListener {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.listener");

  private final List<CalmListener> listeners;

  private SafeListeners(List<CalmListener> listeners) {
    this.listeners = listeners;
  }

  static CalmListener of(List<? extends CalmListener> given) {
    List<CalmListener> real =
        given.stream().filter(l -> l != NoopListener.INSTANCE).map(CalmListener.class::cast).toList();
    if (real.isEmpty()) {
      return NoopListener.INSTANCE;
    }
    if (real.size() == 1 && real.get(0) instanceof SafeListeners) {
      return real.get(0);
    }
    return new SafeListeners(real);
  }

  private void each(String what, Consumer<CalmListener> call) {
    for (CalmListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException | LinkageError e) {
        // the class name only: a listener's message could quote anything it was given
        LOG.warn("listener {} threw {} in {}; ignored", l.getClass().getName(), e.getClass().getName(), what);
      }
    }
  }

  @Override
  public void callStarted(CallStarted event) {
    each("callStarted", l -> l.callStarted(event));
  }

  @Override
  public void callEnded(CallEnded event) {
    each("callEnded", l -> l.callEnded(event));
  }

  @Override
  public void attemptEnded(AttemptEnded event) {
    each("attemptEnded", l -> l.attemptEnded(event));
  }

  @Override
  public void retryScheduled(RetryScheduled event) {
    each("retryScheduled", l -> l.retryScheduled(event));
  }

  @Override
  public void token(TokenEvent event) {
    each("token", l -> l.token(event));
  }

  @Override
  public void ambiguousOutcome(AmbiguousOutcome event) {
    each("ambiguousOutcome", l -> l.ambiguousOutcome(event));
  }

  @Override
  public String toString() {
    return "CalmListener.of(" + listeners.size() + " listeners)";
  }
}
