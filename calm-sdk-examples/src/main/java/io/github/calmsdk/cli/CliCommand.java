package io.github.calmsdk.cli;

/**
 * A command of the calm command line that runs with a {@link Context}: a picocli {@code @Command} class whose
 * options and parameters are its fields, so its help is generated from the same declaration the parser reads.
 * Commands that need no context (picocli's own {@code help} and {@code generate-completion}) are plain {@link
 * Runnable}s instead.
 */
interface CliCommand {
  /**
   * Runs it, after picocli has set its fields from the command line.
   *
   * @param context the output, the environment and the client
   * @return the exit code
   */
  int run(Context context);
}
