package io.github.calmsdk.core.http;

import io.github.calmsdk.core.internal.Redaction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Masks what a request carried as credentials (the Authorization value after its scheme, and the secret inside
 * Basic credentials) wherever a server may echo it back: in bodies and in messages.
 */
final class CredentialMasking {
  private CredentialMasking() {}

  /** The Authorization value after its scheme, or null: masked even when it does not look like a token. */
  static String credential(CalmRequest request) {
    String auth = request.header("Authorization").orElse(null);
    if (auth == null) {
      return null;
    }
    int space = auth.indexOf(' ');
    return space >= 0 ? auth.substring(space + 1).strip() : auth;
  }

  /** For Basic credentials, the secret inside them (after the first colon), which a server may echo decoded. */
  static String basicSecret(CalmRequest request) {
    String auth = request.header("Authorization").orElse("");
    if (!auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String pair = new String(Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon >= 0 ? pair.substring(colon + 1) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The response body with the request's credential and Basic secret masked. */
  static byte[] body(CalmResponse r) {
    return Redaction.bytes(Redaction.bytes(r.body(), credential(r.request())), basicSecret(r.request()));
  }

  /** A message with the request's credential and Basic secret masked. */
  static String text(String text, CalmRequest request) {
    return Redaction.secrets(text, credential(request), basicSecret(request));
  }

  /** Whether a throwable's chain quotes the request's credential in a message. */
  static boolean quotesCredential(Throwable t, CalmRequest request) {
    String credential = credential(request);
    if (credential == null || credential.length() < 4) {
      return false;
    }
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (String.valueOf(c.getMessage()).contains(credential)) {
        return true;
      }
    }
    return false;
  }
}
