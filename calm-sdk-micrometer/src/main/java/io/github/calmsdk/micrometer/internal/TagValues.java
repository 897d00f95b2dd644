package io.github.calmsdk.micrometer.internal;

import java.net.URI;

/** The values of keys, computed the same way for a call's end and for one attempt. */
public final class TagValues {
  private static final String NONE = "none";

  private TagValues() {}

  /**
   * The status as a tag value.
   *
   * @param status an HTTP status, 0 when no response arrived
   * @return the status, or {@code none}
   */
  public static String status(int status) {
    return status > 0 ? Integer.toString(status) : NONE;
  }

  /**
   * OpenTelemetry's {@code error.type}: the failure's fully qualified class name, else an error status's code.
   *
   * @param failure the failure, or null
   * @param status the status, 0 when no response arrived
   * @return the error type, or {@code none}
   */
  public static String errorType(Throwable failure, int status) {
    if (failure != null) {
      return failure.getClass().getName();
    }
    return status >= 400 ? Integer.toString(status) : NONE;
  }

  /**
   * How one attempt ended, in the words of {@code CallEnded.Outcome}.
   *
   * @param status the attempt's status, 0 when no response arrived
   * @return {@code SUCCESS}, {@code ERROR_STATUS} or {@code FAILURE}
   */
  public static String attemptOutcome(int status) {
    if (status >= 200 && status < 300) {
      return "SUCCESS";
    }
    return status > 0 ? "ERROR_STATUS" : "FAILURE";
  }

  /**
   * The port, or the scheme's default when the URL names none.
   *
   * @param port the port, -1 when none
   * @param url the URL, for its scheme
   * @return the port as a tag value, {@code none} when neither says
   */
  public static String port(int port, String url) {
    if (port > 0) {
      return Integer.toString(port);
    }
    String lower = url == null ? "" : url.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("https:")) {
      return "443";
    }
    if (lower.startsWith("http:")) {
      return "80";
    }
    return NONE;
  }

  /**
   * The URL without user info (OpenTelemetry's rule for {@code url.full}); its query values are masked already.
   *
   * @param url the URL as the SDK reports it
   * @return the URL without user info
   */
  public static String withoutUserInfo(String url) {
    try {
      URI u = URI.create(url);
      if (u.getRawUserInfo() == null) {
        return url;
      }
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), null, null, null).toString()
          + (u.getRawPath() == null ? "" : u.getRawPath())
          + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    } catch (Exception e) {
      // not a URI we can take apart: drop everything up to an '@' in the authority rather than risk a password
      int scheme = url.indexOf("://");
      int at = url.indexOf('@');
      return scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + url.substring(at + 1) : url;
    }
  }
}
