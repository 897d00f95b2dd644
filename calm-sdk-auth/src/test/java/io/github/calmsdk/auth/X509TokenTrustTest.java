package io.github.calmsdk.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.github.calmsdk.auth.testing.TestKeys;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token call of an X.509 key against an HTTPS token endpoint whose certificate a private CA issued and which
 * demands the client certificate: it succeeds only with the user's trust material.
 */
class X509TokenTrustTest {
  private static final char[] PASSWORD = "test".toCharArray();
  private static final String TOKEN = Keys.jwt(List.of("scope-a"), 0);
  private static final List<String> clientsSeen = new CopyOnWriteArrayList<>();

  private static TestKeys ca;
  private static TestKeys client;
  private static HttpsServer server;

  private final FakeClock clock = new FakeClock();

  @BeforeAll
  static void startTokenEndpoint() throws Exception {
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
    server.createContext(
        "/oauth/token",
        exchange -> {
          X509Certificate peer =
              (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
          clientsSeen.add(peer.getSubjectX500Principal().getName());
          exchange.getRequestBody().readAllBytes();
          byte[] body = Keys.tokenResponse(TOKEN, 3600, null).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static KeyStore trusting(X509Certificate c) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("trusted", c);
    return ks;
  }

  private static ServiceKey key() {
    String certUrl = "https://localhost:" + server.getAddress().getPort();
    return ServiceKey.fromJson(Keys.x509Key(certUrl, client, false).toString());
  }

  private ClientContext.Builder context() {
    return ClientContext.builder().clock(clock).sleeper(clock.sleeper());
  }

  @Test
  void tokenCallTrustsTheUsersTrustStoreAndPresentsTheKeysCertificate() throws Exception {
    CalmCredentials creds =
        CalmCredentials.builder(key()).context(context().build()).trustStore(trusting(ca.certificate())).build();

    assertThat(creds.token().value()).isEqualTo(TOKEN);
    assertThat(clientsSeen).contains("CN=calm-client");
  }

  @Test
  void tokenCallTrustsTheUsersTrustManager() throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusting(ca.certificate()));
    CalmCredentials creds =
        CalmCredentials.builder(key())
            .context(context().build())
            .trustManager((X509TrustManager) tmf.getTrustManagers()[0])
            .build();

    assertThat(creds.token().value()).isEqualTo(TOKEN);
  }

  @Test
  void withoutTheUsersTrustTheTokenHostOfAPrivateCaIsNotTrusted() {
    CalmCredentials creds = CalmCredentials.builder(key()).context(context().build()).build();

    CalmAuthException e = catchThrowableOfType(CalmAuthException.class, creds::token);

    assertThat(e.getCause())
        .isInstanceOfSatisfying(CalmTransportException.class, t -> assertThat(t.requestMayHaveBeenSent()).isFalse());
    assertThat(e.getMessage()).contains("TLS handshake").contains("trustStore");
  }

  @Test
  void httpClientWithItsOwnSslContextAndNoTrustGivenIsRefusedAtBuildNamingTheFix() throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusting(ca.certificate()));
    SSLContext users = SSLContext.getInstance("TLS");
    users.init(null, tmf.getTrustManagers(), null);
    HttpClient http = HttpClient.newBuilder().sslContext(users).followRedirects(HttpClient.Redirect.NEVER).build();
    ClientContext context = context().httpClient(http).build();

    assertThatThrownBy(() -> CalmCredentials.builder(key()).context(context).build())
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("trustStore")
        .hasMessageContaining("SSLContext of its own");
    assertThat(CalmCredentials.builder(key()).context(context).trustStore(trusting(ca.certificate())).build().token().value())
        .isEqualTo(TOKEN);
  }
}
