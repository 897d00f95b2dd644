package io.github.calmsdk.cli;

/**
 * Configures slf4j-simple through its system properties, before any logger exists: everything to stderr, WARN by
 * default, DEBUG for {@code io.github.calmsdk} with {@code --verbose}. Properties set with {@code -D} win.
 */
final class LogSetup {
  static final String PREFIX = "org.slf4j.simpleLogger.";

  private LogSetup() {}

  static void configure(boolean verbose) {
    setIfAbsent(PREFIX + "logFile", "System.err");
    setIfAbsent(PREFIX + "defaultLogLevel", "warn");
    setIfAbsent(PREFIX + "showDateTime", "true");
    setIfAbsent(PREFIX + "dateTimeFormat", "HH:mm:ss.SSS");
    if (verbose) {
      setIfAbsent(PREFIX + "log.io.github.calmsdk", "debug");
    }
  }

  private static void setIfAbsent(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }
}
