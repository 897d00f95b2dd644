package io.github.calmsdk.core.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Removes credentials from what the SDK prints: URLs, body excerpts and server messages. */
public final class Redaction {
  /** The mask put in place of a secret. */
  public static final String MASK = "***";

  private static final Pattern SECRET_JSON_FIELD =
      Pattern.compile(
          "(\"(?:access_token|refresh_token|id_token|token|client_secret|clientsecret|password|assertion|key|private_key|certificate)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SECRET_FORM_FIELD =
      Pattern.compile(
          "((?:^|[&?\\s])(?:access_token|refresh_token|client_secret|password|assertion)=)[^&\\s]*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}(?:\\.[A-Za-z0-9_-]*)?");
  private static final Pattern AUTH_SCHEME =
      Pattern.compile("\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]+", Pattern.CASE_INSENSITIVE);
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)", Pattern.DOTALL);

  private Redaction() {}

  /**
   * The URL without user info, and with every query value replaced by {@value #MASK}.
   *
   * @param uri the URI
   * @return the redacted URL
   */
  public static String url(URI uri) {
    if (uri == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    if (uri.getScheme() != null) {
      sb.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      sb.append(uri.getHost());
    }
    if (uri.getPort() >= 0) {
      sb.append(':').append(uri.getPort());
    }
    if (uri.getRawPath() != null) {
      sb.append(uri.getRawPath());
    }
    String query = uri.getRawQuery();
    if (query != null && !query.isEmpty()) {
      sb.append('?');
      String sep = "";
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        sb.append(sep).append(eq < 0 ? pair : pair.substring(0, eq) + "=" + MASK);
        sep = "&";
      }
    }
    return sb.toString();
  }

  /**
   * Masks token-like values in text: JSON and form fields named like secrets, JWTs, Bearer and Basic credentials,
   * PEM private keys, and the given exact secrets wherever they appear (so that even a server that echoes the
   * request cannot leak them).
   *
   * @param text the text, possibly null
   * @param exact secrets to mask wherever they appear (null and values shorter than 4 characters are skipped)
   * @return the masked text
   */
  public static String secrets(String text, String... exact) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = text;
    for (String secret : exact) {
      if (secret != null && secret.length() >= 4) {
        s = s.replace(secret, MASK);
      }
    }
    s = PEM.matcher(s).replaceAll(MASK);
    s = SECRET_JSON_FIELD.matcher(s).replaceAll("$1\"" + MASK + "\"");
    s = SECRET_FORM_FIELD.matcher(s).replaceAll("$1" + MASK);
    s = JWT.matcher(s).replaceAll(MASK);
    return AUTH_SCHEME.matcher(s).replaceAll("$1 " + MASK);
  }

  /**
   * A copy of a body with every occurrence of an exact secret replaced by {@value #MASK}; the body itself when the
   * secret is absent, null or shorter than 4 characters.
   *
   * @param body the body
   * @param secret the secret, or null
   * @return the masked body
   */
  public static byte[] bytes(byte[] body, String secret) {
    if (body == null || secret == null || secret.length() < 4) {
      return body;
    }
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    byte[] mask = MASK.getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream out = null;
    int copied = 0;
    for (int i = 0; i <= body.length - needle.length; i++) {
      if (body[i] == needle[0] && java.util.Arrays.equals(body, i, i + needle.length, needle, 0, needle.length)) {
        if (out == null) {
          out = new java.io.ByteArrayOutputStream(body.length);
        }
        out.write(body, copied, i - copied);
        out.write(mask, 0, mask.length);
        i += needle.length - 1;
        copied = i + 1;
      }
    }
    if (out == null) {
      return body;
    }
    out.write(body, copied, body.length - copied);
    return out.toByteArray();
  }

  /**
   * The start of a body as one line of text, cut at a limit, with secrets masked before cutting (so a secret cut in
   * half is still recognised).
   *
   * @param body the body
   * @param maxChars the limit
   * @param exact secrets to mask wherever they appear
   * @return the excerpt, or null for an empty body
   */
  public static String excerpt(byte[] body, int maxChars, String... exact) {
    if (body == null || body.length == 0) {
      return null;
    }
    int take = Math.min(body.length, maxChars * 4);
    String text = new String(body, 0, take, StandardCharsets.UTF_8);
    String masked = secrets(text, exact).replaceAll("\\s+", " ").strip();
    if (take < body.length) {
      // the read stopped inside the body: drop its last characters, which may hold the start of a secret
      masked = masked.substring(0, Math.max(0, masked.length() - 80));
    }
    boolean cut = masked.length() > maxChars || take < body.length;
    if (masked.length() > maxChars) {
      masked = masked.substring(0, maxChars);
    }
    return cut ? masked + "...(" + body.length + " bytes)" : masked;
  }
}
