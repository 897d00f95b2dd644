package io.github.calmsdk.core.internal;

import io.github.calmsdk.core.error.CalmValidationException;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rule that calls go over https, except to loopback hosts (so local fakes work). */
public final class Urls {
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private Urls() {}

  /**
   * Whether a host names this machine's loopback interface, without a DNS lookup.
   *
   * @param host the host
   * @return true for localhost, 127.0.0.0/8 and ::1
   */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    if (!IPV4_LOOPBACK.matcher(h).matches()) {
      return false;
    }
    for (String part : h.split("\\.")) {
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks that a URL may be called.
   *
   * @param uri the URL
   * @param field the field name for the error
   * @throws CalmValidationException for a scheme other than https, or http to a host that is not loopback
   */
  public static void requireSecure(URI uri, String field) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return;
    }
    if (scheme.equals("http") && isLoopback(uri.getHost())) {
      return;
    }
    throw new CalmValidationException(
        field,
        "refusing "
            + (scheme.isEmpty() ? "a URL without scheme" : scheme + "://")
            + " to "
            + uri.getHost()
            + ": use https (plain http is allowed only for loopback hosts such as localhost)");
  }
}
