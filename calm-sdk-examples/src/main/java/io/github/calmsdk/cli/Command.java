package io.github.calmsdk.cli;

import java.util.List;

/** One command of the calm command line, such as {@code nodes} or {@code export}. */
interface Command {
  /** The word that runs it. */
  String name();

  /** Its usage, printed by {@code calm NAME --help}. */
  String usage();

  /**
   * Runs it.
   *
   * @param args the words after the command's name, global options removed
   * @param context the output, the environment and the client
   * @return the exit code
   */
  int run(List<String> args, Context context);
}
