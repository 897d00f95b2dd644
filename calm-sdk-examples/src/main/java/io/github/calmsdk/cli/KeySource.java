package io.github.calmsdk.cli;

import io.github.calmsdk.auth.ServiceKey;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where the service key comes from: {@code --service-key FILE}, else {@code CALM_SERVICE_KEY} (the JSON itself, or
 * the path of a file holding it). The key's text is never printed; only where it came from.
 */
final class KeySource {
  /** The environment variable read when no {@code --service-key} is given. */
  static final String VARIABLE = "CALM_SERVICE_KEY";

  private final String file;
  private final Environment env;

  KeySource(String file, Environment env) {
    this.file = file;
    this.env = env;
  }

  /**
   * Reads the key.
   *
   * @throws UsageException when no key is given
   * @throws io.github.calmsdk.core.error.CalmValidationException when the key cannot be read; the message names the
   *     JSON path and never quotes a secret
   */
  ServiceKey load() {
    if (file != null) {
      Path path;
      try {
        path = Path.of(file);
      } catch (InvalidPathException e) {
        throw new UsageException("--service-key: '" + file + "' is not a valid path");
      }
      return ServiceKey.fromFile(path);
    }
    String value = env.variable(VARIABLE);
    if (value == null || value.isBlank()) {
      throw UsageException.withoutUsage(
          "no service key: pass --service-key FILE, or set " + VARIABLE + " to the key's JSON or the path of a file"
              + " holding it",
          "create one in the BTP cockpit (README: Getting a service key), or try 'calm demo', which needs none");
    }
    return ServiceKey.fromEnvironment(VARIABLE, env.variables()::get);
  }

  /** Where the key comes from, for people: never the key itself. */
  String describe() {
    if (file != null) {
      return "file " + file;
    }
    String value = env.variable(VARIABLE);
    if (value == null || value.isBlank()) {
      return "none";
    }
    return value.strip().startsWith("{") ? VARIABLE + " (JSON)" : VARIABLE + " -> file " + value.strip();
  }
}
