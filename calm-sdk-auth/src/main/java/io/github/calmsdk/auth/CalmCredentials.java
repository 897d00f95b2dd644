package io.github.calmsdk.auth;

import io.github.calmsdk.auth.internal.BearerStage;
import io.github.calmsdk.auth.internal.Json;
import io.github.calmsdk.auth.internal.MtlsHttpClients;
import io.github.calmsdk.auth.internal.TokenClient;
import io.github.calmsdk.auth.internal.TokenSlot;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.retry.RetryBudget;
import io.github.calmsdk.core.http.HttpStage;
import io.github.calmsdk.core.internal.Checks;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.X509TrustManager;

/**
 * The credentials of one service key: gets access tokens from the key's token endpoint (client secret or X.509
 * certificate), caches them in a {@link TokenCache}, and signs API calls as the pipeline's authorization stage.
 * Thread-safe; build one per key and share it.
 *
 * <p>The token call goes through a pipeline derived from the client's {@link ClientContext}: the same HttpClient
 * (so it takes the same proxy as the API calls), or for X.509 keys a client derived from it that presents the
 * key's certificate and trusts what {@link Builder#trustStore(java.security.KeyStore)} says (by default the JDK's
 * trust store).
 * It is marked safe to repeat, so core's retry rules apply (connection failures, 408, 429, 5xx). Every failure of
 * the token endpoint surfaces as a {@link CalmAuthException} with the server's {@code error} and {@code
 * error_description}, the status and the attempts, never the secret.
 *
 * <p>Each token call is reported to the context's listeners as a {@link
 * io.github.calmsdk.core.event.TokenEvent}: FETCHED for the first token of these credentials, REFRESHED for every
 * later one, FAILED with the failure; with the token host, the client id and the call's duration on the context's
 * clock, never the token or the secret.
 *
 * <pre>{@code
 * ClientContext.Builder settings = ClientContext.builder().callTimeout(Duration.ofMinutes(2));
 * CalmCredentials creds = CalmCredentials.builder(ServiceKey.fromFile(Path.of("key.json")))
 *     .context(settings.build())
 *     .build();
 * ClientContext api = settings.authorization(creds.bearerStage()).build();
 * AccessToken token = creds.token();
 * }</pre>
 */
public final class CalmCredentials {
  /**
   * The lifetime assumed when the token endpoint gives no {@code expires_in} and the token is not a JWT with an
   * {@code exp} claim: 10 minutes. XSUAA's tokens live 12 hours, but an unknown lifetime is better underestimated:
   * the cost is one token call every 5 minutes, while an overestimate means calls fail with 401 (and are resent
   * once with a new token) until the guess runs out.
   */
  public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(10);
  /** The default deadline of one token call, retries included. */
  public static final Duration DEFAULT_TOKEN_CALL_TIMEOUT = Duration.ofSeconds(30);
  /** The longest single attempt of a token call. */
  private static final Duration TOKEN_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

  private final ServiceKey key;
  private final Clock clock;
  private final TokenClient source;
  private final TokenSlot slot;
  private final BearerStage stage;

  private CalmCredentials(Builder b) {
    this.key = b.key;
    ClientContext context = b.context != null ? b.context : ClientContext.defaults();
    this.clock = context.clock();
    ClientContext.Builder tokenContext =
        context.toBuilder()
            .clearStages()
            .retryBudget(RetryBudget.standard())
            .callTimeout(b.tokenCallTimeout)
            .attemptTimeout(
                b.tokenCallTimeout.compareTo(TOKEN_ATTEMPT_TIMEOUT) < 0 ? b.tokenCallTimeout : TOKEN_ATTEMPT_TIMEOUT);
    if (key.usesCertificate()) {
      tokenContext.httpClient(
          MtlsHttpClients.derive(
              context.httpClient(),
              MtlsHttpClients.sslContext(
                  key.certificateChain(),
                  key.privateKey(),
                  MtlsHttpClients.trustFor(context.httpClient(), b.trustManager)),
              context.connectTimeout()));
    }
    this.source =
        new TokenClient(
            key.tokenUri(),
            key.clientId(),
            key.clientSecret(),
            key.usesCertificate(),
            b.clientAuthentication,
            tokenContext.build().pipeline(),
            clock,
            b.defaultTokenLifetime,
            b.tokenCallTimeout,
            Json.MAPPER,
            context.listener());
    TokenCache cache = b.tokenCache != null ? b.tokenCache : TokenCache.create();
    this.slot = cache.slot(key.tokenUri(), key.clientId(), context.random());
    this.stage = new BearerStage(slot, clock, source);
  }

  /**
   * A builder for the credentials of a key.
   *
   * @param key the service key
   * @return the builder
   */
  public static Builder builder(ServiceKey key) {
    return new Builder(key);
  }

  /**
   * Credentials with the defaults: {@link ClientContext#defaults()} (their own HttpClient on the JDK's default
   * proxy selector, core's default retry policy, the system clock) and a token cache of their own.
   *
   * @param key the service key
   * @return the credentials
   */
  public static CalmCredentials of(ServiceKey key) {
    return builder(key).build();
  }

  /**
   * A valid access token: the cached one while it is fresh (no lock, no allocation), else a new one. When the
   * cached token is inside its refresh margin, one caller refreshes it and the others keep using it; when it has
   * expired, callers wait for the one refresh in flight.
   *
   * @return the token
   * @throws CalmAuthException when the token endpoint fails and no valid token is cached
   */
  public AccessToken token() {
    return slot.get(clock, source).token();
  }

  /** Drops the cached token of this key (in a shared cache too); the next call gets a new one. */
  public void invalidate() {
    slot.invalidate();
  }

  /**
   * The pipeline stage that sends {@code Authorization: Bearer <token>}; on a 401 it drops the token, gets a new
   * one and resends the call once. A second 401 is returned and becomes a {@link CalmAuthException}; it never
   * loops. Plug it in with {@link ClientContext.Builder#authorization(HttpStage)}.
   *
   * @return the stage, the same instance on every call
   */
  public HttpStage bearerStage() {
    return stage;
  }

  /**
   * The service key.
   *
   * @return the key
   */
  public ServiceKey key() {
    return key;
  }

  /** Client id, token URL and credential type; never a secret or token. */
  @Override
  public String toString() {
    return "CalmCredentials[clientId="
        + key.clientId()
        + ", tokenUri="
        + key.tokenUri()
        + ", credentialType="
        + key.credentialType()
        + "]";
  }

  /**
   * Builds {@link CalmCredentials}; every setting but the key is optional.
   *
   * <pre>{@code
   * CalmCredentials creds = CalmCredentials.builder(key)
   *     .context(clientContext)
   *     .clientAuthentication(ClientAuthentication.FORM)
   *     .tokenCallTimeout(Duration.ofSeconds(15))
   *     .tokenCache(sharedCache)
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final ServiceKey key;
    private ClientContext context;
    private ClientAuthentication clientAuthentication = ClientAuthentication.BASIC;
    private Duration defaultTokenLifetime = DEFAULT_TOKEN_LIFETIME;
    private Duration tokenCallTimeout = DEFAULT_TOKEN_CALL_TIMEOUT;
    private TokenCache tokenCache;
    private X509TrustManager trustManager;

    private Builder(ServiceKey key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Takes the client's context: its HttpClient (so the token call goes through the same proxy), clock, sleeper,
     * retry policy, transport and listeners. The token call gets a retry budget of its own and no stages. For X.509
     * keys the SDK derives a client with the key's certificate from the context's HttpClient (its proxy selector,
     * proxy authenticator, connect timeout and executor). Default: {@link ClientContext#defaults()}.
     *
     * @param context the client's context
     * @return this builder
     */
    public Builder context(ClientContext context) {
      this.context = Checks.present("context", context, "pass the ClientContext the API calls use");
      return this;
    }

    /**
     * Sets how a client secret is sent; ignored by X.509 keys.
     *
     * @param clientAuthentication BASIC (default) or FORM
     * @return this builder
     */
    public Builder clientAuthentication(ClientAuthentication clientAuthentication) {
      this.clientAuthentication = Objects.requireNonNull(clientAuthentication, "clientAuthentication");
      return this;
    }

    /**
     * Sets the lifetime assumed when the token endpoint gives no {@code expires_in} and the token has no JWT
     * {@code exp} claim; see {@link #DEFAULT_TOKEN_LIFETIME} for why the default is 10 minutes.
     *
     * @param lifetime a positive duration
     * @return this builder
     * @throws CalmValidationException when not positive
     */
    public Builder defaultTokenLifetime(Duration lifetime) {
      this.defaultTokenLifetime = Checks.positive("defaultTokenLifetime", lifetime, "10 minutes is the default");
      return this;
    }

    /**
     * Sets the deadline of one token call, retries and their waits included. A token call made for an API call
     * also ends with that call's deadline, whichever comes first: a call with 5 s left never waits 30 s for a
     * token, it fails with a {@link io.github.calmsdk.core.error.CalmTimeoutException} when its 5 s are up.
     *
     * @param timeout a positive duration; default 30 s. One attempt lasts at most 10 s.
     * @return this builder
     * @throws CalmValidationException when not positive
     */
    public Builder tokenCallTimeout(Duration timeout) {
      this.tokenCallTimeout = Checks.positive("tokenCallTimeout", timeout, "30 seconds is the default");
      return this;
    }

    /**
     * Trusts these certificates for the token host of an X.509 key: the token call's TLS then presents the key's
     * client certificate and trusts exactly this store (as OkHttp's {@code sslSocketFactory(factory,
     * trustManager)} or the AWS SDK's {@code tlsTrustManagersProvider}). Give the same trust store as the
     * HttpClient of your ClientContext, for example one with the CA of a proxy that inspects TLS. Replaces an
     * earlier {@link #trustManager(X509TrustManager)}.
     *
     * <p>Needed when the context's HttpClient has an SSLContext of its own: the JDK does not reveal an SSLContext's
     * trust managers, so the SDK cannot take them from it, and {@link #build()} refuses the key rather than
     * silently trusting the JDK's default store instead. Without either setting, an X.509 key's token call trusts
     * the JDK's default trust store (as the context's default HttpClient does). A client-secret key's token call
     * goes through the context's HttpClient itself, so its SSLContext applies and this setting is not used.
     *
     * <pre>{@code
     * KeyStore trust = KeyStore.getInstance("PKCS12");
     * try (InputStream in = Files.newInputStream(Path.of("corp-ca.p12"))) { trust.load(in, password); }
     * CalmCredentials creds = CalmCredentials.builder(x509Key).context(context).trustStore(trust).build();
     * }</pre>
     *
     * @param trustStore a loaded key store of trusted certificates
     * @return this builder
     * @throws CalmValidationException when the store is missing or cannot be read
     */
    public Builder trustStore(KeyStore trustStore) {
      Checks.present("trustStore", trustStore, "pass a loaded KeyStore with the certificates to trust");
      this.trustManager = MtlsHttpClients.trustManager(trustStore);
      return this;
    }

    /**
     * Trusts the token host of an X.509 key by this trust manager; see {@link #trustStore(KeyStore)}, which it
     * replaces. For the JDK's default trust store, pass the X509TrustManager of a {@code TrustManagerFactory}
     * initialised with {@code (KeyStore) null}.
     *
     * @param trustManager the trust manager, typically the one your HttpClient's SSLContext was built with
     * @return this builder
     * @throws CalmValidationException when null
     */
    public Builder trustManager(X509TrustManager trustManager) {
      this.trustManager =
          Checks.present("trustManager", trustManager, "pass the X509TrustManager your SSLContext was built with");
      return this;
    }

    /**
     * Caches tokens in this cache, which may be shared between clients: entries are keyed by token URL and client
     * id. By default the credentials have a cache of their own.
     *
     * @param tokenCache the cache
     * @return this builder
     */
    public Builder tokenCache(TokenCache tokenCache) {
      this.tokenCache = Objects.requireNonNull(tokenCache, "tokenCache");
      return this;
    }

    /**
     * Builds the credentials; no token is requested until the first call.
     *
     * @return the credentials
     * @throws CalmValidationException when the key is an X.509 key, the context's HttpClient has an SSLContext
     *     of its own and neither {@link #trustStore(KeyStore)} nor {@link #trustManager(X509TrustManager)} was set
     */
    public CalmCredentials build() {
      return new CalmCredentials(this);
    }
  }
}
