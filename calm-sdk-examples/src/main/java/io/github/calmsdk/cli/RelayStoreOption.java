package io.github.calmsdk.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --store} option of the relay commands: a file path (SQLite, created if absent) or a {@code
 * jdbc:postgresql://} URL (user and password from the URL, or {@code PGUSER} and {@code PGPASSWORD}). Without it,
 * {@value #VARIABLE}, else {@value #DEFAULT} in the working directory.
 */
final class RelayStoreOption {
  /** The environment variable naming the store. */
  static final String VARIABLE = "CALM_RELAY_STORE";
  /** The store when neither the option nor the variable is given. */
  static final String DEFAULT = "calm-relay.db";

  @Option(names = "--store", paramLabel = "FILE|URL",
      description = "the relay's outbox: a file (SQLite, created if absent) or jdbc:postgresql://HOST/DB (user and"
          + " password from PGUSER and PGPASSWORD); default " + VARIABLE + ", else " + DEFAULT
          + " in the working directory")
  String store;

  /** Where the store is: the option, else the variable, else the default. */
  String location(Environment env) {
    if (store != null) {
      return blankIsBad(store, "--store");
    }
    String variable = env.variable(VARIABLE);
    return variable != null ? blankIsBad(variable, VARIABLE) : DEFAULT;
  }

  private static String blankIsBad(String value, String name) {
    if (value.isBlank()) {
      throw new UsageException(name + " is empty; pass a file path such as " + DEFAULT
          + " or a jdbc:postgresql://HOST/DB URL");
    }
    return value;
  }
}
