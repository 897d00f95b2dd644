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

  /**
   * Registers an action to run on Ctrl-C or SIGTERM, after which the process ends with this exit code rather than
   * the JVM's own for a signal (130, 143): for a command whose clean stop is a success, such as {@code relay run}.
   * In-process (embedded, tests) there is no process to end, so this is {@link #onInterrupt(Runnable)}.
   *
   * @param action stops the command and waits for it to finish
   * @param exitCode the exit code of the process once the action has returned
   * @return a registration to close when the command ends by itself
   */
  default Registration onInterrupt(Runnable action, int exitCode) {
    return onInterrupt(action);
  }

  /** A registered action; closing it unregisters it. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Ctrl-C through a JVM shutdown hook, removed again when the command ends by itself. */
  static Interrupts jvm() {
    return new Interrupts() {
      @Override
      public Registration onInterrupt(Runnable action) {
        return hook(action);
      }

      @Override
      public Registration onInterrupt(Runnable action, int exitCode) {
        return hook(() -> {
          action.run();
          System.out.flush();
          System.err.flush();
          // the JVM is shutting down for a signal and would end with 128 + its number: end it with this code
          Runtime.getRuntime().halt(exitCode);
        });
      }

      private Registration hook(Runnable action) {
        Thread hook = new Thread(action, "calm-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
          }
        };
      }
    };
  }
}
