package io.github.calmsdk.auth.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * An HTTPS token endpoint on loopback whose certificate a private CA made in the test issued, and which demands the
 * client certificate of {@link #client()}: an X.509 key's token call succeeds against it only with the user's trust
 * material. It answers every POST to {@code /oauth/token} with the given token body.
 *
 * <pre>{@code
 * try (MtlsTokenEndpoint endpoint = MtlsTokenEndpoint.start(Keys.tokenResponse(jwt, 3600, null))) {
 *   ServiceKey key = ServiceKey.fromJson(Keys.x509Key(endpoint.certUrl(), endpoint.client(), false).toString());
 *   CalmCredentials.builder(key).trustStore(endpoint.caTrustStore()).build().token();
 * }
 * }</pre>
 */
public final class MtlsTokenEndpoint implements AutoCloseable {
  private static final char[] PASSWORD = "test".toCharArray();

  private final TestKeys ca;
  private final TestKeys client;
  private final HttpsServer server;
  private final List<String> clientsSeen = new CopyOnWriteArrayList<>();

  private MtlsTokenEndpoint(String tokenBody) throws Exception {
    ca = TestKeys.certificateAuthority("Calm Test Private CA");
    TestKeys serverKeys = TestKeys.signedBy(ca, "localhost");
    client = TestKeys.generate("calm-client");

    KeyStore serverStore = KeyStore.getInstance("PKCS12");
    serverStore.load(null, null);
    serverStore.setKeyEntry(
        "server",
        serverKeys.keyPair.getPrivate(),
        PASSWORD,
        new Certificate[] {serverKeys.certificate(), ca.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(serverStore, PASSWORD);
    TrustManagerFactory clientTrust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    clientTrust.init(trusting(client.certificate()));
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), clientTrust.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(serverContext) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = serverContext.getDefaultSSLParameters();
            p.setNeedClientAuth(true);
            params.setSSLParameters(p);
          }
        });
    byte[] body = tokenBody.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/oauth/token",
        exchange -> {
          X509Certificate peer =
              (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
          clientsSeen.add(peer.getSubjectX500Principal().getName());
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  /**
   * Starts the endpoint.
   *
   * @param tokenBody the JSON it answers each token request with
   * @return the running endpoint
   * @throws Exception when keys or the server cannot be made
   */
  public static MtlsTokenEndpoint start(String tokenBody) throws Exception {
    return new MtlsTokenEndpoint(tokenBody);
  }

  /**
   * A key store trusting exactly one certificate.
   *
   * @param certificate the certificate
   * @return the store
   * @throws GeneralSecurityException never for a valid certificate
   */
  public static KeyStore trusting(X509Certificate certificate) throws GeneralSecurityException {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("trusted", certificate);
      return ks;
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** @return a trust store holding the private CA that issued the endpoint's certificate */
  public KeyStore caTrustStore() throws GeneralSecurityException {
    return trusting(ca.certificate());
  }

  /** @return the trust manager of {@link #caTrustStore()} */
  public X509TrustManager caTrustManager() throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(caTrustStore());
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }

  /** @return an SSLContext trusting the private CA, as a user's own HttpClient behind a TLS-inspecting proxy has */
  public SSLContext caSslContext() throws GeneralSecurityException {
    SSLContext users = SSLContext.getInstance("TLS");
    users.init(null, new javax.net.ssl.TrustManager[] {caTrustManager()}, null);
    return users;
  }

  /** @return the client's keys, whose certificate the endpoint demands */
  public TestKeys client() {
    return client;
  }

  /** @return the {@code certurl} of a key pointing here */
  public String certUrl() {
    return "https://localhost:" + server.getAddress().getPort();
  }

  /** @return the subject names of the client certificates seen, in order */
  public List<String> clientsSeen() {
    return clientsSeen;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
