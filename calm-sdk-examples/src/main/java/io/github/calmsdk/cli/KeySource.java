package io.github.calmsdk.cli;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.core.error.CalmValidationException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a key comes from: an option such as {@code --service-key FILE}, else its environment variable such as
 * {@code CALM_SERVICE_KEY} (the JSON itself, or the path of a file holding it). There are two: the service key
 * ({@link #service}), a Cloud ALM key or a Cloud Transport Management (CTMS) key, and the optional transport key
 * ({@link #transport}), a CTMS key the transport commands use instead. The key's text is never printed; only where
 * it came from.
 */
final class KeySource {
  /** The environment variable read when no {@code --service-key} is given. */
  static final String VARIABLE = "CALM_SERVICE_KEY";
  /** The environment variable read when no {@code --transport-key} is given. */
  static final String TRANSPORT_VARIABLE = "CALM_TRANSPORT_KEY";
  /** The option of the service key. */
  static final String OPTION = "--service-key";
  /** The option of the transport key. */
  static final String TRANSPORT_OPTION = "--transport-key";

  private final String option;
  private final String variable;
  private final String file;
  private final Environment env;

  private KeySource(String option, String variable, String file, Environment env) {
    this.option = option;
    this.variable = variable;
    this.file = file;
    this.env = env;
  }

  /** The service key: {@code --service-key FILE}, else {@code CALM_SERVICE_KEY}. */
  static KeySource service(String file, Environment env) {
    return new KeySource(OPTION, VARIABLE, file, env);
  }

  /** The transport key: {@code --transport-key FILE}, else {@code CALM_TRANSPORT_KEY}. */
  static KeySource transport(String file, Environment env) {
    return new KeySource(TRANSPORT_OPTION, TRANSPORT_VARIABLE, file, env);
  }

  /** Whether a key was given, by the option or the variable. */
  boolean given() {
    if (file != null) {
      return true;
    }
    String value = env.variable(variable);
    return value != null && !value.isBlank();
  }

  /** The option, such as {@code --service-key}. */
  String option() {
    return option;
  }

  /** The environment variable, such as {@code CALM_SERVICE_KEY}. */
  String variable() {
    return variable;
  }

  /**
   * Reads the key.
   *
   * @throws UsageException when no key is given
   * @throws io.github.calmsdk.core.error.CalmValidationException when the service key cannot be read; the message
   *     names the JSON path and never quotes a secret
   * @throws CommandFailure the same for the transport key, with a hint that names its option and variable
   */
  ServiceKey load() {
    if (option.equals(OPTION)) {
      return read();
    }
    try {
      return read();
    } catch (CalmValidationException e) {
      throw new CommandFailure(e, "check the transport key (" + option + " FILE or " + variable + "), a Cloud"
          + " Transport Management service key; 'calm doctor' checks it");
    }
  }

  private ServiceKey read() {
    if (file != null) {
      Path path;
      try {
        path = Path.of(file);
      } catch (InvalidPathException e) {
        throw new UsageException(option + ": '" + file + "' is not a valid path");
      }
      return ServiceKey.fromFile(path);
    }
    if (!given()) {
      throw UsageException.withoutUsage(
          "no service key: pass --service-key FILE, or set " + VARIABLE + " to the key's JSON or the path of a file"
              + " holding it",
          "create one in the BTP cockpit (README: Getting a service key); a Cloud Transport Management key works"
              + " too, for the transport commands; or try 'calm demo', which needs none");
    }
    return ServiceKey.fromEnvironment(variable, env.variables()::get);
  }

  /** Where the key comes from, for people: never the key itself. */
  String describe() {
    if (file != null) {
      return "file " + file;
    }
    if (!given()) {
      return "none";
    }
    String value = env.variable(variable);
    return value.strip().startsWith("{") ? variable + " (JSON)" : variable + " -> file " + value.strip();
  }
}
