package io.github.calmsdk.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The claims of a JWT access token that the SDK reads, decoded <em>without</em> verifying the signature: the
 * granted scopes and the expiry. Only used to explain and to schedule; the server checks the token on every call.
 *
 * @param scopes the {@code scope} claim (an array or a space-separated string), possibly empty
 * @param expiresAtEpochSecond the {@code exp} claim, if present
 */
public record Jwt(Set<String> scopes, OptionalLong expiresAtEpochSecond) {
  /** The claims of a token that is not a readable JWT. */
  public static final Jwt NONE = new Jwt(Set.of(), OptionalLong.empty());

  /** Makes the scope set immutable. */
  public Jwt {
    scopes = Set.copyOf(scopes);
  }

  /**
   * Reads the payload of a token.
   *
   * @param token the token
   * @param mapper a JSON mapper
   * @return the claims; {@link #NONE} when the token is opaque or unreadable (never throws)
   */
  public static Jwt decode(String token, ObjectMapper mapper) {
    if (token == null) {
      return NONE;
    }
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first <= 0 || second < 0) {
      return NONE;
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(stripPadding(token.substring(first + 1, second)));
      JsonNode claims = mapper.readTree(payload);
      if (claims == null || !claims.isObject()) {
        return NONE;
      }
      Set<String> scopes = new LinkedHashSet<>();
      JsonNode scope = claims.get("scope");
      if (scope != null && scope.isArray()) {
        scope.forEach(s -> {
          if (s.isTextual() && !s.asText().isBlank()) {
            scopes.add(s.asText().trim());
          }
        });
      } else if (scope != null && scope.isTextual()) {
        scopes.addAll(splitScopes(scope.asText()));
      }
      JsonNode exp = claims.get("exp");
      OptionalLong expiresAt =
          exp != null && exp.isNumber() && exp.asLong() > 0 ? OptionalLong.of(exp.asLong()) : OptionalLong.empty();
      return new Jwt(scopes, expiresAt);
    } catch (Exception e) {
      return NONE;
    }
  }

  /**
   * Splits an OAuth {@code scope} value at whitespace.
   *
   * @param scope the value, possibly null
   * @return the scopes, in order
   */
  public static Set<String> splitScopes(String scope) {
    Set<String> out = new LinkedHashSet<>();
    if (scope != null) {
      for (String s : scope.trim().split("\\s+")) {
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static String stripPadding(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '=') {
      end--;
    }
    return s.substring(0, end);
  }
}
