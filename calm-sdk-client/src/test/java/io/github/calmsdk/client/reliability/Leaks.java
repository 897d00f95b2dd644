package io.github.calmsdk.client.reliability;

import static org.assertj.core.api.Assertions.fail;

import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.deployment.UnresolvedOutcomeException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for secrets in text the SDK produced. A failure never prints the secret it found, only where and which one
 * (by index and length), with the secrets in the context masked.
 */
final class Leaks {
  /**
   * An Authorization header value written out, in any case ({@code Authorization: ...}, {@code authorization=...}),
   * unless the value is masked ({@code Authorization: Basic ***}).
   */
  private static final Pattern AUTHORIZATION =
      Pattern.compile("(?i)\\b(proxy-)?authorization\\s*[:=]\\s*(?!\\*\\*\\*)(?![a-z]+\\s+\\*\\*\\*)\\S");
  /** A bearer or basic credential that is not the mask. */
  private static final Pattern CREDENTIAL =
      Pattern.compile("(?i)\\b(bearer|basic)\\s+(?!\\*\\*\\*)[A-Za-z0-9._~+/=-]{12,}");
  /** A PEM private key with content (a bare header, as in a hint "expected -----BEGIN PRIVATE KEY-----", is fine). */
  private static final Pattern PEM_PRIVATE_KEY =
      Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----\\s*[A-Za-z0-9+/=]{16,}");

  private Leaks() {}

  /**
   * Everything an exception shows: message, toString, details, the checks of an unresolved outcome, and the same
   * for every cause and suppressed exception, plus the printed stack trace.
   */
  static String everything(Throwable top) {
    StringBuilder sb = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>();
    todo.add(top);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (t == null || !seen.add(t)) {
        continue;
      }
      sb.append(t).append('\n').append(t.getMessage()).append('\n').append(t.getLocalizedMessage()).append('\n');
      if (t instanceof CalmException) {
        CalmException c = (CalmException) t;
        sb.append(c.details()).append('\n').append(c.summary()).append('\n');
      }
      if (t instanceof UnresolvedOutcomeException) {
        UnresolvedOutcomeException u = (UnresolvedOutcomeException) t;
        sb.append(u.checks()).append('\n').append(u.observed()).append('\n');
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      todo.addAll(List.of(t.getSuppressed()));
    }
    StringWriter trace = new StringWriter();
    top.printStackTrace(new PrintWriter(trace));
    return sb.append(trace).toString();
  }

  /**
   * Fails when the text holds one of the secrets, an Authorization header, an unmasked Bearer or Basic credential,
   * or the start of a PEM private key.
   */
  static void assertClean(String where, String text, Collection<String> secrets) {
    if (text == null) {
      return;
    }
    int i = 0;
    for (String s : secrets) {
      i++;
      if (s != null && !s.isEmpty() && text.contains(s)) {
        int at = text.indexOf(s);
        fail(where + " contains secret #" + i + " (" + s.length() + " characters) near: "
            + context(text, at, secrets));
      }
    }
    for (Pattern p : List.of(AUTHORIZATION, CREDENTIAL, PEM_PRIVATE_KEY)) {
      Matcher m = p.matcher(text);
      if (m.find()) {
        fail(where + " contains what " + p + " matches, near: " + context(text, m.start(), secrets));
      }
    }
  }

  private static String context(String text, int at, Collection<String> secrets) {
    String window = text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80));
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        window = window.replace(s, "<secret>");
      }
    }
    return "[" + window.replace('\n', ' ') + "]";
  }
}
