package io.github.calmsdk.cli;

/**
 * Where a long-running command (such as {@code watch}) says what to do when the user presses Ctrl-C. The JVM
 * implementation uses a shutdown hook; tests fire the action themselves.
 */
interface Interrupts {
  /**
   * Registers an action to run on Ctrl-C.
   *
   * @param action stops the command; it may wait briefly for the command to finish its output
   * @return a registration to close when the command ends by itself
   */
  Registration onInterrupt(Runnable action);

  /** A registered action; closing it unregisters it. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Ctrl-C through a JVM shutdown hook, removed again when the command ends by itself. */
  static Interrupts jvm() {
    return action -> {
      Thread hook = new Thread(action, "calm-interrupt");
      Runtime.getRuntime().addShutdownHook(hook);
      return () -> {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running or has run: nothing to remove
        }
      };
    };
  }
}
