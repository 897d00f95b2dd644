package io.github.calmsdk.auth.internal;

import io.github.calmsdk.core.error.CalmValidationException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS setup of X.509 keys: an SSLContext with the key's certificate and the user's trust, and an HttpClient
 * that uses it.
 */
public final class MtlsHttpClients {
  /** The password of the in-memory key store; it protects nothing, the store never leaves memory. */
  private static final char[] IN_MEMORY = "calm-sdk".toCharArray();

  private MtlsHttpClients() {}

  /**
   * An SSLContext that presents the client certificate.
   *
   * @param chain the certificate chain, leaf first
   * @param key the private key of the leaf
   * @param trust the trust managers, or null for the JDK's default trust store
   * @return the context
   * @throws IllegalStateException when the JDK cannot build it (the inputs were checked when the key was read)
   */
  public static SSLContext sslContext(List<X509Certificate> chain, PrivateKey key, TrustManager[] trust) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("calm-client", key, IN_MEMORY, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, IN_MEMORY);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), trust, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(
          "cannot set up TLS with the key's client certificate: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * The trust managers for the token call of an X.509 key: the ones given, else the JDK's default trust store when
   * {@code base} uses the JDK's default SSLContext. An SSLContext does not reveal its trust managers, so when
   * {@code base} has one of its own and none were given, the token call cannot trust what the API calls trust;
   * that is refused rather than silently falling back to the JDK's trust store.
   *
   * @param base the client the API calls use, or null
   * @param given the trust manager set on the credentials, or null
   * @return the trust managers, or null for the JDK's default trust store
   * @throws CalmValidationException when {@code base} has its own SSLContext and no trust manager was given
   */
  public static TrustManager[] trustFor(HttpClient base, X509TrustManager given) {
    if (given != null) {
      return new TrustManager[] {given};
    }
    if (base == null || base.sslContext() == jdkDefault()) {
      return null;
    }
    throw new CalmValidationException(
        "trustStore",
        "the ClientContext's HttpClient has an SSLContext of its own, whose trusted certificates the token call of"
            + " this X.509 key cannot read (the JDK does not expose them); pass the same trust material with"
            + " CalmClient.Builder.trustStore(KeyStore) or trustManager(X509TrustManager) (the same on"
            + " CalmCredentials.Builder)");
  }

  /**
   * The one X509TrustManager of a trust store, as the JDK's default algorithm (PKIX) builds it.
   *
   * @param trustStore the certificates to trust
   * @return the trust manager
   * @throws CalmValidationException when the store cannot be read
   */
  public static X509TrustManager trustManager(KeyStore trustStore) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager) {
          return (X509TrustManager) tm;
        }
      }
      throw new CalmValidationException("trustStore", "gives no X509TrustManager; pass one with trustManager(..)");
    } catch (GeneralSecurityException e) {
      throw new CalmValidationException(
          "trustStore",
          "cannot be read (" + e.getClass().getSimpleName() + "); pass a loaded KeyStore with trusted certificates");
    }
  }

  private static SSLContext jdkDefault() {
    try {
      return SSLContext.getDefault();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no default SSLContext", e);
    }
  }

  /**
   * A client like {@code base} (proxy selector, proxy authenticator, connect timeout, executor, HTTP version, TLS
   * parameters) that presents the client certificate, so that the token call takes the same route as the API
   * calls.
   *
   * @param base the client the API calls use, or null
   * @param context the SSLContext with the client certificate
   * @param defaultConnectTimeout the connect timeout when {@code base} has none
   * @return the new client; redirects are never followed
   */
  public static HttpClient derive(HttpClient base, SSLContext context, Duration defaultConnectTimeout) {
    HttpClient.Builder b =
        HttpClient.newBuilder().sslContext(context).followRedirects(HttpClient.Redirect.NEVER);
    if (base == null) {
      return b.connectTimeout(defaultConnectTimeout).build();
    }
    base.proxy().ifPresent(b::proxy);
    base.authenticator().ifPresent(b::authenticator);
    base.executor().ifPresent(b::executor);
    b.connectTimeout(base.connectTimeout().orElse(defaultConnectTimeout));
    b.version(base.version());
    b.sslParameters(base.sslParameters());
    return b.build();
  }
}
