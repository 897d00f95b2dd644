package io.github.calmsdk.auth.internal;

import io.github.calmsdk.core.internal.Redaction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.calmsdk.auth.AccessToken;
import io.github.calmsdk.auth.ClientAuthentication;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmRateLimitException;
import io.github.calmsdk.core.error.CalmUnavailableException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.event.TokenEvent;
import io.github.calmsdk.core.http.CallOptions;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.HttpPipeline;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLHandshakeException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client-credentials token request: {@code POST <token URL>} with {@code grant_type=client_credentials}, the
 * client authenticated by HTTP Basic, by form fields, or (X.509 keys) by its certificate with {@code client_id} in
 * the form. Sent through a core pipeline without an authorization stage, marked safe to repeat, so core's retry
 * rules apply. Every failure, whatever its kind, becomes a {@link CalmAuthException} carrying the server's {@code
 * error} and {@code error_description}, the status and the attempts, never the secret.
 */
public final class TokenClient implements TokenSource {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.auth");
  private static final int EXCERPT_CHARS = 512;
  /** A longer expires_in is taken as this, so the arithmetic never overflows. */
  private static final long MAX_LIFETIME_SECONDS = Duration.ofDays(365).toSeconds();

  private final URI tokenUri;
  private final String redactedUri;
  private final String clientId;
  private final String secret;
  private final boolean certificate;
  private final String form;
  private final String basicHeader;
  private final HttpPipeline pipeline;
  private final Clock clock;
  private final Duration defaultLifetime;
  private final Duration callTimeout;
  private final ObjectMapper mapper;
  private final CalmListener listener;
  /** Whether these credentials have had a token before: the next one is REFRESHED, not FETCHED. */
  private volatile boolean fetchedBefore;

  /**
   * Creates the client.
   *
   * @param tokenUri the token URL
   * @param clientId the client id
   * @param secret the client secret, or null for a certificate key
   * @param certificate whether the client authenticates with its TLS certificate
   * @param authentication how a secret is sent
   * @param pipeline the pipeline, without authorization stage, on an HttpClient with the certificate if any
   * @param clock the clock that expiry times are computed on
   * @param defaultLifetime the lifetime assumed when the answer has neither expires_in nor a JWT exp claim
   * @param callTimeout the longest a token call may take, retries included, whatever time its caller has left
   * @param mapper a JSON mapper
   * @param listener told of each token fetched, refreshed or failed to get
   */
  public TokenClient(
      URI tokenUri,
      String clientId,
      String secret,
      boolean certificate,
      ClientAuthentication authentication,
      HttpPipeline pipeline,
      Clock clock,
      Duration defaultLifetime,
      Duration callTimeout,
      ObjectMapper mapper,
      CalmListener listener) {
    this.tokenUri = tokenUri;
    this.redactedUri = tokenUri.getScheme() + "://" + tokenUri.getRawAuthority() + tokenUri.getRawPath();
    this.clientId = clientId;
    this.secret = secret;
    this.certificate = certificate;
    this.pipeline = pipeline;
    this.clock = clock;
    this.defaultLifetime = defaultLifetime;
    this.callTimeout = callTimeout;
    this.mapper = mapper;
    this.listener = listener;
    String grant = "grant_type=client_credentials";
    if (certificate) {
      this.form = grant + "&client_id=" + encode(clientId);
      this.basicHeader = null;
    } else if (authentication == ClientAuthentication.FORM) {
      this.form = grant + "&client_id=" + encode(clientId) + "&client_secret=" + encode(secret);
      this.basicHeader = null;
    } else {
      this.form = grant;
      this.basicHeader =
          "Basic "
              + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
  }

  private ErrorDetails masked(ErrorDetails d) {
    return new ErrorDetails(
        d.status(),
        Redaction.secrets(d.errorCode(), secret),
        Redaction.secrets(d.serverMessage(), secret),
        d.serverDetails().stream().map(m -> Redaction.secrets(m, secret)).toList(),
        d.requestId(),
        d.method(),
        d.url(),
        d.attempts(),
        Redaction.secrets(d.bodyExcerpt(), secret));
  }

  /** A copy of a failure with the secret masked in its message and details, and without its own causes. */
  private CalmException sanitized(Throwable t) {
    if (!(t instanceof CalmException)) {
      return new CalmException(
          t.getClass().getSimpleName() + ": " + Redaction.secrets(String.valueOf(t.getMessage()), secret),
          ErrorDetails.none(),
          null);
    }
    CalmException c = (CalmException) t;
    String summary = Redaction.secrets(c.summary(), secret);
    ErrorDetails d = masked(c.details());
    // the same type, so callers can still tell a timeout from a refused connection
    if (c instanceof CalmTransportException) {
      return new CalmTransportException(summary, d, ((CalmTransportException) c).requestMayHaveBeenSent(), null);
    }
    if (c instanceof CalmTimeoutException) {
      return new CalmTimeoutException(summary, d, null);
    }
    if (c instanceof CalmUnavailableException) {
      return new CalmUnavailableException(summary, d, null);
    }
    if (c instanceof CalmRateLimitException) {
      return new CalmRateLimitException(summary, d, ((CalmRateLimitException) c).retryAfter().orElse(null), null);
    }
    return new CalmException(c.getClass().getSimpleName() + ": " + summary, d, null);
  }

  /**
   * Requests a token and tells the listener: FETCHED for the first token of these credentials, REFRESHED for any
   * later one (before expiry, after a 401, after expiry), FAILED with the (masked) failure. The duration is measured
   * on the credentials' clock. An event never holds the token or the secret.
   */
  @Override
  public IssuedToken fetch(Duration timeLeft) {
    if (listener == CalmListener.noop()) {
      return request(timeLeft);
    }
    Instant started = clock.instant();
    IssuedToken token;
    try {
      token = request(timeLeft);
    } catch (RuntimeException e) {
      listener.token(
          new TokenEvent(
              TokenEvent.Kind.FAILED, tokenUri.getHost(), clientId, Duration.between(started, clock.instant()), e));
      throw e;
    }
    TokenEvent.Kind kind = fetchedBefore ? TokenEvent.Kind.REFRESHED : TokenEvent.Kind.FETCHED;
    fetchedBefore = true;
    listener.token(
        new TokenEvent(kind, tokenUri.getHost(), clientId, Duration.between(started, clock.instant()), null));
    return token;
  }

  private IssuedToken request(Duration timeLeft) {
    boolean callersDeadline = timeLeft != null && timeLeft.compareTo(callTimeout) < 0;
    Duration timeout = callersDeadline ? timeLeft : callTimeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new CalmTimeoutException(
          "the call's deadline passed before an access token was fetched from " + redactedUri,
          ErrorDetails.none(),
          null);
    }
    CalmRequest.Builder b =
        CalmRequest.post(tokenUri)
            .operation("auth.token")
            .formBody(form)
            .header("Accept", "application/json")
            .safeToRepeat(true)
            .options(CallOptions.builder().timeout(timeout).build());
    if (basicHeader != null) {
      b.header("Authorization", basicHeader);
    }
    long sentAt = clock.millis();
    CalmResponse response;
    try {
      response = pipeline.exchange(b.build());
    } catch (CalmValidationException e) {
      throw e;
    } catch (CalmTimeoutException e) {
      if (!callersDeadline) {
        throw unobtained(e);
      }
      // the caller's deadline, not the token endpoint, ended the token call: a timeout of the call
      CalmTimeoutException out =
          new CalmTimeoutException(
              "the call's deadline passed while getting an access token from "
                  + redactedUri
                  + " ("
                  + timeout.toMillis()
                  + " ms were left of the call)",
              masked(e.details()),
              sanitized(e));
      addSanitizedEarlier(out, e);
      throw out;
    } catch (CalmException e) {
      throw unobtained(e);
    }
    if (!response.isSuccess()) {
      throw failure(response);
    }
    IssuedToken token = parse(response, sentAt);
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "got an access token for {} from {}: expires {}, scopes {}",
          clientId,
          redactedUri,
          token.token().expiresAt(),
          token.token().scopes());
    }
    return token;
  }

  /**
   * The failure of a token call that got no answer. The pipeline's exception and its earlier attempts may quote a
   * server that echoed the secret: it passes on masked copies only, never the raw exceptions. A connection that
   * could not be made is named a network problem with the host and port, never blamed on the credentials; its
   * cause is then a {@link CalmTransportException} whose {@code requestMayHaveBeenSent()} is false.
   */
  private CalmAuthException unobtained(CalmException e) {
    String summary = "could not get an access token from " + redactedUri + ": " + Redaction.secrets(e.summary(), secret);
    if (e instanceof CalmTransportException && !((CalmTransportException) e).requestMayHaveBeenSent()) {
      summary += connectionHint(e);
    }
    CalmAuthException out = new CalmAuthException(summary, masked(e.details()), sanitized(e));
    addSanitizedEarlier(out, e);
    return out;
  }

  private String connectionHint(CalmException e) {
    String hostAndPort = tokenUri.getHost() + ":" + port();
    if (causedBy(e, ConnectException.class, UnknownHostException.class, UnresolvedAddressException.class,
        HttpConnectTimeoutException.class)) {
      return "; a network problem, not the credentials: the token host "
          + hostAndPort
          + " cannot be reached from here. Check the host name and the network; behind a proxy, set"
          + " https.proxyHost and https.proxyPort (http.* for an http URL) or give the ClientContext a proxy"
          + " (ProxySelector), and check that the proxy itself answers";
    }
    if (!causedBy(e, SSLHandshakeException.class)) {
      return "";
    }
    return "; the TLS handshake with the token host "
        + hostAndPort
        + " failed before the token request was sent: check that the host's certificate is trusted (a proxy that"
        + " inspects TLS needs its CA in the trust store; see CalmCredentials.Builder#trustStore)"
        + (certificate ? " and that the key's client certificate (uaa.certificate, uaa.key) is current" : "");
  }

  private int port() {
    if (tokenUri.getPort() != -1) {
      return tokenUri.getPort();
    }
    return "http".equalsIgnoreCase(tokenUri.getScheme()) ? 80 : 443;
  }

  @SafeVarargs
  private static boolean causedBy(Throwable t, Class<? extends Throwable>... types) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(c)) {
          return true;
        }
      }
    }
    return false;
  }

  private void addSanitizedEarlier(CalmException out, CalmException e) {
    for (Throwable earlier : e.getSuppressed()) {
      out.addSuppressed(sanitized(earlier));
    }
  }

  private IssuedToken parse(CalmResponse r, long sentAt) {
    if (r.truncated()) {
      throw garbage(r, "the answer is larger than the client's response size limit");
    }
    JsonNode root;
    try {
      root = mapper.readTree(r.body());
    } catch (Exception e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw garbage(r, "the answer is not a JSON object (expected {\"access_token\": ..., \"expires_in\": ...})");
    }
    JsonNode value = root.get("access_token");
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw garbage(r, "the answer has no access_token");
    }
    String accessToken = value.asText().trim();
    JsonNode type = root.get("token_type");
    if (type != null && !type.isNull()) {
      if (!type.isTextual() || !type.asText().trim().equalsIgnoreCase("bearer")) {
        throw garbage(
            r,
            "token_type is "
                + (type.isTextual() ? "\"" + Redaction.secrets(clip(type.asText()), secret) + "\"" : type.getNodeType())
                + "; only bearer tokens are supported");
      }
    }
    Jwt jwt = Jwt.decode(accessToken, mapper);
    long expiresAt = sentAt + lifetimeMillis(r, root.get("expires_in"), jwt, sentAt);
    Set<String> scopes = new LinkedHashSet<>();
    JsonNode scope = root.get("scope");
    if (scope != null && scope.isTextual()) {
      scopes.addAll(Jwt.splitScopes(scope.asText()));
    }
    scopes.addAll(jwt.scopes());
    return new IssuedToken(
        new AccessToken(accessToken, "Bearer", Instant.ofEpochMilli(expiresAt), scopes), sentAt, expiresAt);
  }

  private long lifetimeMillis(CalmResponse r, JsonNode expiresIn, Jwt jwt, long sentAt) {
    if (expiresIn == null || expiresIn.isNull()) {
      if (jwt.expiresAtEpochSecond().isPresent()) {
        long fromJwt = jwt.expiresAtEpochSecond().getAsLong() * 1000 - sentAt;
        if (fromJwt > 0) {
          return Math.min(fromJwt, MAX_LIFETIME_SECONDS * 1000);
        }
      }
      return defaultLifetime.toMillis();
    }
    long seconds;
    if (expiresIn.isIntegralNumber() || expiresIn.isFloatingPointNumber()) {
      seconds = expiresIn.asLong();
    } else if (expiresIn.isTextual() && expiresIn.asText().trim().matches("\\d{1,12}")) {
      seconds = Long.parseLong(expiresIn.asText().trim());
    } else {
      throw garbage(r, "expires_in is not a number of seconds");
    }
    if (seconds <= 0) {
      throw garbage(r, "expires_in is " + seconds + "; expected a positive number of seconds");
    }
    return Math.min(seconds, MAX_LIFETIME_SECONDS) * 1000;
  }

  /**
   * A successful answer that holds no usable token. Its body is never quoted, not even masked: it may hold a token
   * in a shape the masking does not know. Its type and size say enough to tell a proxy's login page from JSON.
   */
  private CalmAuthException garbage(CalmResponse r, String problem) {
    ErrorDetails d =
        new ErrorDetails(
            r.status(), null, null, List.of(), r.requestId(), "POST", redactedUri, r.attempts(), null);
    return new CalmAuthException(
        "the token endpoint answered HTTP "
            + r.status()
            + " but not with a usable token: "
            + problem
            + " (body: "
            + r.header("Content-Type").map(t -> clip(t.replaceAll("[\\r\\n]", " ")) + ", ").orElse("")
            + r.body().length
            + " bytes, not shown)",
        d,
        null);
  }

  private CalmAuthException failure(CalmResponse r) {
    String error = null;
    String description = null;
    JsonNode root = null;
    try {
      root = mapper.readTree(r.body());
    } catch (Exception e) {
      // not JSON: the excerpt is all there is
    }
    if (root != null && root.isObject()) {
      JsonNode e = root.get("error");
      if (e != null && e.isTextual()) {
        error = clean(e.asText());
        description = clean(text(root.get("error_description")));
      } else if (e != null && e.isObject()) {
        error = clean(text(e.get("code")));
        description = clean(text(e.get("message")));
      } else {
        description = clean(text(root.get("message")));
      }
    }
    return new CalmAuthException(
        "token request failed: " + hint(r.status(), error), details(r, error, description), null);
  }

  private String hint(int status, String error) {
    String e = error == null ? "" : error.toLowerCase(Locale.ROOT);
    if (e.equals("invalid_client") || status == 401) {
      return certificate
          ? "the token endpoint did not accept the client certificate or client id (uaa.certificate, uaa.key,"
              + " uaa.clientid); check that they come from the same, current service key"
          : "the token endpoint did not accept the client id and secret (uaa.clientid, uaa.clientsecret); check"
              + " the service key, or create a new one if the secret was rotated";
    }
    if (e.equals("unauthorized_client")) {
      return "this client may not use the client_credentials grant; use a service key of the SAP Cloud ALM API"
          + " instance";
    }
    if (e.equals("invalid_scope")) {
      return "the client lacks a scope it asked for; check the instance's authorities";
    }
    if (status == 403) {
      return "the token endpoint refused the client";
    }
    if (status == 404) {
      return "no token endpoint at this URL; check uaa.url (or uaa.certurl for x509 keys)";
    }
    if (status == 429) {
      return "the token endpoint is rate limiting this client";
    }
    if (status >= 500) {
      return "the token endpoint is unavailable";
    }
    return "the token endpoint refused the request";
  }

  private ErrorDetails details(CalmResponse r, String error, String description) {
    return new ErrorDetails(
        r.status(),
        error,
        description,
        List.of(),
        r.requestId(),
        "POST",
        redactedUri,
        r.attempts(),
        Redaction.excerpt(r.body(), EXCERPT_CHARS, secret));
  }

  private String clean(String s) {
    if (s == null) {
      return null;
    }
    String c = Redaction.secrets(s.replaceAll("\\s+", " ").trim(), secret);
    return c.isEmpty() ? null : clip(c);
  }

  private static String clip(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The URL and client id; never the secret. */
  @Override
  public String toString() {
    return "TokenClient[" + clientId + " at " + redactedUri + "]";
  }
}
