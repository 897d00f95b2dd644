package io.github.calmsdk.micrometer.internal;

/**
 * Runs one piece of the adapter so that nothing it throws reaches the call: an observation handler that throws, a
 * convention that returns null. Logs the exception's class only, through {@link System.Logger} (no logging
 * dependency), since a message could quote anything.
 */
public final class Guard {
  private static final System.Logger LOG = System.getLogger("io.github.calmsdk.micrometer");

  private Guard() {}

  /**
   * Runs the action, swallowing what it throws.
   *
   * @param what what is being done, for the log
   * @param action the action
   */
  public static void run(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException | LinkageError e) {
      swallowed(what, e);
    }
  }

  /**
   * Computes a value, or returns the fallback if computing it throws.
   *
   * @param what what is being done, for the log
   * @param action computes the value
   * @param fallback the value when it throws
   * @param <T> the value's type
   * @return the value or the fallback
   */
  public static <T> T get(String what, java.util.function.Supplier<T> action, T fallback) {
    try {
      return action.get();
    } catch (RuntimeException | LinkageError e) {
      swallowed(what, e);
      return fallback;
    }
  }

  private static void swallowed(String what, Throwable e) {
    LOG.log(System.Logger.Level.WARNING, "calm observation: {0} threw {1}; ignored", what, e.getClass().getName());
  }
}
