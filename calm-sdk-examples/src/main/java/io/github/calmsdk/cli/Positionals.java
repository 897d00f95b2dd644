package io.github.calmsdk.cli;

/** Checks for words a command does not take. */
final class Positionals {
  private Positionals() {}

  static void none(String command, Args args) {
    if (!args.positional().isEmpty()) {
      throw new UsageException(command + ": unexpected argument '" + args.positional().get(0) + "'");
    }
  }
}
