package io.github.calmsdk.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK's version, from the build. */
public final class SdkVersion {
  private static final String VERSION = load();

  private SdkVersion() {}

  /**
   * The version, such as {@code 0.2.0}.
   *
   * @return the version, or {@code unknown}
   */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = SdkVersion.class.getResourceAsStream("sdk.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
