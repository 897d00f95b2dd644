package io.github.calmsdk.cli;

import io.github.calmsdk.core.retry.Sleeper;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of the command line takes from its surroundings: the environment variables, whether stderr is an
 * interactive terminal (so a progress bar may be drawn), how the SDK waits between polls and retries, and how Ctrl-C
 * reaches a running command. {@link #system(Map)} is the real one; tests pass their own.
 *
 * @param variables the environment variables, such as {@code CALM_SERVICE_KEY}
 * @param terminal whether the output goes to an interactive terminal
 * @param sleeper how the SDK waits (retries, import polling, the watcher's interval)
 * @param interrupts where a long-running command registers what to do on Ctrl-C
 */
record Environment(Map<String, String> variables, boolean terminal, Sleeper sleeper, Interrupts interrupts) {
  Environment {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(interrupts, "interrupts");
  }

  /**
   * The real surroundings: the given variables, a terminal when the JVM has a console, real waiting, and the JVM's
   * shutdown hooks for Ctrl-C.
   */
  static Environment system(Map<String, String> variables) {
    return new Environment(variables, System.console() != null, Sleeper.system(), Interrupts.jvm());
  }

  /** The value of a variable, or null. */
  String variable(String name) {
    return variables.get(name);
  }
}
