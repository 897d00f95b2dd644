package io.github.calmsdk.core.event;

/** The listener that does nothing; the pipeline checks for it and skips building events. */
final class NoopListener implements CalmListener {
  static final NoopListener INSTANCE = new NoopListener();

  private NoopListener() {}

  @Override
  public String toString() {
    return "CalmListener.noop()";
  }
}
