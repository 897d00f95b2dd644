package io.github.calmsdk.core.internal;

import io.github.calmsdk.core.error.CalmValidationException;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The URL rules of the SDK: calls go over https, except to loopback hosts (so local fakes work), and the one check
 * of an API base URL that every service client runs before it appends its service path.
 */
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

  /** How every apiBase error ends: what to pass instead. */
  private static final String PASS_API_BASE =
      "pass endpoints.Api of the service key as it stands, such as https://eu10.alm.cloud.sap/api";

  /**
   * Checks the API base URL a service client is created with and returns it with trailing slashes removed, ready
   * for a service path to be appended. One rule for every client: present, absolute http(s) with a host, no user
   * info (credentials belong in the service key, and the error does not echo them), no query, no fragment.
   *
   * @param apiBase the URL, {@code endpoints.Api} of the service key
   * @return the URL as text without trailing slashes, such as {@code https://eu10.alm.cloud.sap/api}
   * @throws CalmValidationException naming the field {@code apiBase} when a rule is broken
   */
  public static String apiBase(URI apiBase) {
    if (apiBase == null) {
      throw new CalmValidationException("apiBase", "is missing; " + PASS_API_BASE);
    }
    if (apiBase.getRawUserInfo() != null) {
      throw new CalmValidationException(
          "apiBase",
          "must not carry user info (credentials belong in the service key, not the URL); " + PASS_API_BASE);
    }
    String scheme = apiBase.getScheme() == null ? "" : apiBase.getScheme().toLowerCase(Locale.ROOT);
    if (!apiBase.isAbsolute()
        || apiBase.getHost() == null
        || !(scheme.equals("https") || scheme.equals("http"))
        || apiBase.getRawQuery() != null
        || apiBase.getRawFragment() != null) {
      throw new CalmValidationException(
          "apiBase",
          "'" + apiBase + "' is not an absolute https URL without query or fragment; " + PASS_API_BASE);
    }
    String base = apiBase.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base;
  }
}
