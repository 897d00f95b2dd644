package io.github.calmsdk.client.reliability;

import io.github.calmsdk.core.testing.CapturedLogs;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every secret the reliability tests handed to the SDK (client secrets in their plain, URL-encoded and Basic forms,
 * issued access tokens, private key fragments). As an extension it checks, after each test class, that none of them
 * (and no Authorization header, Bearer credential or PEM private key) appears in any log line the SDK wrote so far
 * in this JVM: the capturing SLF4J provider of core's test-jar records every SDK logger at TRACE, for the whole run.
 */
final class SecretLedger implements AfterAllCallback {
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  /** Records secrets; null and values shorter than 6 characters (too short to search for) are skipped. */
  static void add(String... secrets) {
    for (String s : secrets) {
      if (s != null && s.length() >= 6) {
        SECRETS.add(s);
      }
    }
  }

  /** Records a client secret with the forms it travels in: URL-encoded in a form, base64 in a Basic header. */
  static void addClientSecret(String clientId, String secret) {
    add(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8));
    add(Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
  }

  /** Records the body of a PEM block: each base64 line, and the first 16 characters of each. */
  static void addPem(String pem) {
    for (String line : pem.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("-----")) {
        add(l, l.length() > 16 ? l.substring(0, 16) : l);
      }
    }
  }

  static List<String> all() {
    return List.copyOf(SECRETS);
  }

  /**
   * The lines of the SDK's own loggers ({@code io.github.calmsdk.*}) captured so far. Lines of other loggers (such as
   * WireMock's report of an unmatched request, which prints its headers) are not the SDK's output.
   */
  static String sdkLogText() {
    return CapturedLogs.lines().stream()
        .filter(l -> l.indexOf(' ') > 0 && l.substring(l.indexOf(' ') + 1).startsWith("io.github.calmsdk"))
        .collect(Collectors.joining("\n"));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Leaks.assertClean(
        "the SDK's log lines (TRACE and up) captured up to the end of " + context.getDisplayName(),
        sdkLogText(),
        all());
  }
}
