package io.github.calmsdk.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The XSUAA-like token endpoint and the table of issued tokens. */
public final class TokenService {
  /** An issued token. */
  record Issued(String clientId, List<String> scopes, Instant expiresAt) {}

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final Settings settings;
  private final String issuer;
  private final ObjectMapper json;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  TokenService(Settings settings, String issuer, ObjectMapper json) {
    this.settings = settings;
    this.issuer = issuer;
    this.json = json;
  }

  void countRequest() {
    requests.incrementAndGet();
  }

  /** How many requests reached the token endpoint. */
  public int requests() {
    return requests.get();
  }

  /** Forgets every issued token. */
  public void expireAll() {
    tokens.clear();
  }

  /** The token's grant when it is known and not expired on the fake's clock, else null. */
  Issued validate(String token) {
    Issued issued = token == null ? null : tokens.get(token);
    if (issued == null) {
      return null;
    }
    if (!settings.clock().instant().isBefore(issued.expiresAt())) {
      tokens.remove(token, issued);
      return null;
    }
    return issued;
  }

  HttpResp handle(Req req) {
    if (!req.method.equals("POST") && !req.method.equals("GET")) {
      return error(405, "method_not_allowed", "Request method '" + req.method + "' is not supported");
    }
    // servlet semantics: query parameters first, then form fields; the first value of a name counts
    Map<String, List<String>> form = new LinkedHashMap<>();
    try {
      req.params().forEach((k, v) -> form.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
      if (req.body != null && req.body.length > 0) {
        Req.decodeForm(new String(req.body, StandardCharsets.UTF_8))
            .forEach((k, v) -> form.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
      }
    } catch (IllegalArgumentException e) {
      return error(400, "invalid_request", "The request is not application/x-www-form-urlencoded");
    }
    String authorization = req.header("Authorization");
    boolean authenticated;
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      authenticated = basicMatches(authorization.substring(6).trim());
    } else if (first(form, "client_id") != null) {
      authenticated =
          same(first(form, "client_id"), settings.clientId())
              & same(first(form, "client_secret"), settings.clientSecret());
    } else {
      return error(
          401, "unauthorized", "Full authentication is required to access this resource")
          .withHeader("WWW-Authenticate", "Basic realm=\"fake/client\"");
    }
    if (!authenticated) {
      return error(401, "invalid_client", "Bad credentials")
          .withHeader("WWW-Authenticate", "Basic realm=\"fake/client\"");
    }
    String grant = first(form, "grant_type");
    if (grant == null) {
      return error(400, "unsupported_grant_type", "A grant_type parameter is required");
    }
    if (!grant.equals("client_credentials")) {
      return error(400, "unsupported_grant_type", "Unsupported grant type: " + grant);
    }
    return issue(settings.clientId());
  }

  /** Issues a token without an HTTP round trip (for {@code FakeCalm.accessToken()}). */
  public String issueDirect() {
    return register(settings.clientId(), newJti());
  }

  private HttpResp issue(String clientId) {
    String jti = newJti();
    String token = register(clientId, jti);
    ObjectNode out = json.createObjectNode();
    out.put("access_token", token);
    out.put("token_type", "bearer");
    out.put("expires_in", settings.tokenLifetime().toSeconds());
    out.put("scope", String.join(" ", settings.scopes()));
    out.put("jti", jti);
    return HttpResp.json(200, out.toString())
        .withHeader("Cache-Control", "no-store")
        .withHeader("Pragma", "no-cache");
  }

  private static String newJti() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private String register(String clientId, String jti) {
    Instant now = settings.clock().instant();
    String token = newToken(clientId, jti, now);
    tokens.put(token, new Issued(clientId, settings.scopes(), now.plus(settings.tokenLifetime())));
    return token;
  }

  private String newToken(String clientId, String jti, Instant now) {
    ObjectNode header = json.createObjectNode();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("kid", "fake-calm");
    ObjectNode payload = json.createObjectNode();
    payload.put("jti", jti);
    payload.put("sub", clientId);
    ArrayNode scope = payload.putArray("scope");
    settings.scopes().forEach(scope::add);
    payload.put("client_id", clientId);
    payload.put("cid", clientId);
    payload.put("azp", clientId);
    payload.put("grant_type", "client_credentials");
    payload.put("zid", "fake");
    payload.put("iat", now.getEpochSecond());
    payload.put("exp", now.plus(settings.tokenLifetime()).getEpochSecond());
    payload.put("iss", issuer);
    byte[] signature = new byte[32];
    random.nextBytes(signature);
    return B64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8))
        + "."
        + B64URL.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8))
        + "."
        + B64URL.encodeToString(signature);
  }

  /** Raw {@code id:secret} as most clients send it; the RFC 6749 2.3.1 form-encoded variant is accepted too. */
  private boolean basicMatches(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String id = decoded.substring(0, colon);
    String secret = decoded.substring(colon + 1);
    if (same(id, settings.clientId()) & same(secret, settings.clientSecret())) {
      return true;
    }
    try {
      return same(URLDecoder.decode(id, StandardCharsets.UTF_8), settings.clientId())
          & same(URLDecoder.decode(secret, StandardCharsets.UTF_8), settings.clientSecret());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean same(String given, String expected) {
    if (given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private HttpResp error(int status, String error, String description) {
    ObjectNode out = json.createObjectNode();
    out.put("error", error);
    out.put("error_description", description);
    return HttpResp.json(status, out.toString());
  }
}
