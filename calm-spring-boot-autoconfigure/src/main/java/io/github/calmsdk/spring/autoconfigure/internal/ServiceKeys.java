package io.github.calmsdk.spring.autoconfigure.internal;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.spring.autoconfigure.InvalidCalmPropertyException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a service key property: the JSON itself, a file path, or an environment variable's name. Messages never
 * show the value (it may be a pasted secret), only the path of a missing file.
 *
 * <pre>{@code
 * ServiceKey key = ServiceKeys.read("calm.service-key", properties.getServiceKey(), environment::getProperty);
 * }</pre>
 */
public final class ServiceKeys {
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String FIX =
      "set it to the path of the service key's JSON file, to the JSON itself, or to the name of an environment"
          + " variable holding either";

  private ServiceKeys() {}

  /**
   * Reads the key a property names.
   *
   * @param property the property's name, for messages
   * @param value the property's value; never shown in messages
   * @param environment looks up environment variables (the application's Environment)
   * @return the key
   * @throws InvalidCalmPropertyException when the value is blank, names nothing, or the key is malformed
   */
  public static ServiceKey read(String property, String value, Function<String, String> environment) {
    if (value == null || value.isBlank()) {
      throw new InvalidCalmPropertyException(property, "is not set; " + FIX, null);
    }
    String v = value.strip();
    try {
      if (v.startsWith("{") || v.startsWith("\uFEFF{")) {
        return ServiceKey.fromJson(v);
      }
      Path file = path(v);
      if (file != null && Files.isRegularFile(file)) {
        return ServiceKey.fromFile(file);
      }
      if (VARIABLE.matcher(v).matches()) {
        String held = environment.apply(v);
        if (held != null && !held.isBlank()) {
          return ServiceKey.fromEnvironment(v, environment);
        }
        throw new InvalidCalmPropertyException(property,
            "names neither an existing file nor a set environment variable (it looks like a variable's name, and no"
                + " variable of that name is set); " + FIX, null);
      }
      // a path of a missing file is no secret; anything else may be a pasted secret and is not shown
      String shown = file != null && looksLikePath(v) ? " (" + file.toAbsolutePath() + ")" : "";
      throw new InvalidCalmPropertyException(
          property, "is neither JSON (it does not start with '{') nor the path of an existing file" + shown + "; "
              + FIX, null);
    } catch (CalmValidationException e) {
      throw new InvalidCalmPropertyException(property, "holds no usable service key: " + e.getMessage(), e);
    }
  }

  private static Path path(String v) {
    try {
      return Path.of(v.startsWith("~/") ? System.getProperty("user.home") + v.substring(1) : v);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static boolean looksLikePath(String v) {
    return v.endsWith(".json") || v.startsWith("/") || v.startsWith("./") || v.startsWith("../") || v.startsWith("~/");
  }
}
