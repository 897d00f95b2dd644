package io.github.calmsdk.auth;

import io.github.calmsdk.core.error.CalmValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An access token from the token endpoint. {@link #toString()} never shows the token's value.
 *
 * <p>{@link #scopes()} holds the scopes the server granted: those of the response's {@code scope} field and those
 * of the {@code scope} claim in the token's JWT payload (read without verifying the signature: it is only used to
 * explain what the key may do, never to decide anything the server does not check again). Cloud ALM scopes carry
 * the XSUAA application as a prefix, such as {@code sapcloudalm!b123.imp-cdm-feature-manage-ui}; {@link
 * #hasScope(String)} and {@link #missingScopes(Collection)} accept the name with or without it.
 *
 * <pre>{@code
 * AccessToken token = creds.token();
 * List<String> missing = token.missingScopes(List.of("imp-cdm-feature-display-ui", "imp-cdm-feature-manage-ui"));
 * if (!missing.isEmpty()) {
 *   System.err.println("this key lacks " + missing + "; create a new binding with these scopes");
 * }
 * }</pre>
 *
 * @param value the token, sent as {@code Authorization: Bearer <value>}; a secret
 * @param type the token type, {@code Bearer}
 * @param expiresAt when the token stops being valid
 * @param scopes the granted scopes, possibly empty
 */
public record AccessToken(String value, String type, Instant expiresAt, Set<String> scopes) {

  /** Checks the values and makes the scope set immutable and sorted. */
  public AccessToken {
    if (value == null || value.isBlank()) {
      throw new CalmValidationException("value", "an access token must not be empty");
    }
    if (type == null || type.isBlank()) {
      throw new CalmValidationException("type", "the token type must not be empty; use \"Bearer\"");
    }
    if (expiresAt == null) {
      throw new CalmValidationException("expiresAt", "the expiry time must be set");
    }
    scopes = scopes == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(scopes));
  }

  /**
   * Whether the token was granted a scope, by its full name or by the part after the last dot of the XSUAA prefix
   * (so {@code "imp-cdm-feature-manage-ui"} matches {@code "sapcloudalm!b123.imp-cdm-feature-manage-ui"}).
   *
   * @param scope the scope name, with or without the application prefix
   * @return true if granted
   */
  public boolean hasScope(String scope) {
    if (scope == null || scope.isBlank()) {
      return false;
    }
    String wanted = scope.trim();
    for (String granted : scopes) {
      if (granted.equals(wanted) || granted.endsWith("." + wanted)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The scopes of a list that the token was not granted, in the order given.
   *
   * @param required the scope names, with or without the application prefix
   * @return the missing ones, possibly empty
   */
  public List<String> missingScopes(Collection<String> required) {
    List<String> missing = new ArrayList<>();
    for (String s : required) {
      if (!hasScope(s)) {
        missing.add(s);
      }
    }
    return List.copyOf(missing);
  }

  /**
   * Whether the token has expired at the given time.
   *
   * @param now the time to check at
   * @return true from {@link #expiresAt()} on
   */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** Type, expiry and scopes; the value is never printed. */
  @Override
  public String toString() {
    return "AccessToken[type=" + type + ", expiresAt=" + expiresAt + ", scopes=" + scopes + ", value=***]";
  }
}
