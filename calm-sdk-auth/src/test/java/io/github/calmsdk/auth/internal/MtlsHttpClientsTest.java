package io.github.calmsdk.auth.internal;

import io.github.calmsdk.auth.testing.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.Authenticator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client certificate of an x509 key, in a real TLS handshake with a server that demands one. */
class MtlsHttpClientsTest {
  private static TestKeys client;
  private static TestKeys server;
  private final ExecutorService threads = Executors.newSingleThreadExecutor();

  @BeforeAll
  static void keys() {
    client = TestKeys.generate("calm-client");
    server = TestKeys.generate("localhost");
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  private static X509Certificate cert(TestKeys k) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(k.certificateDer));
  }

  private static TrustManager[] trusting(X509Certificate c) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("trusted", c);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(ks);
    return tmf.getTrustManagers();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void pkcs8AndPkcs1KeysBothCompleteAMutualTlsHandshake(boolean pkcs1) throws Exception {
    List<X509Certificate> chain = Pem.certificates(client.certificatePem(), "uaa.certificate");
    PrivateKey key = Pem.privateKey(pkcs1 ? client.pkcs1Pem() : client.pkcs8Pem(), "uaa.key");
    SSLContext clientContext = MtlsHttpClients.sslContext(chain, key, trusting(cert(server)));
    SSLContext serverContext =
        MtlsHttpClients.sslContext(List.of(cert(server)), server.keyPair.getPrivate(), trusting(chain.get(0)));

    try (SSLServerSocket listener =
        (SSLServerSocket)
            serverContext.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setNeedClientAuth(true);
      Future<String> seenByServer =
          threads.submit(
              () -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                  s.startHandshake();
                  String peer =
                      ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
                  s.getOutputStream().write(1);
                  s.getOutputStream().flush();
                  return peer;
                }
              });
      try (SSLSocket s = (SSLSocket) clientContext.getSocketFactory().createSocket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 5000);
        s.setSoTimeout(10_000);
        s.startHandshake();
        assertThat(s.getInputStream().read()).isEqualTo(1);
      }
      assertThat(seenByServer.get(10, TimeUnit.SECONDS)).isEqualTo("CN=calm-client");
    }
  }

  @Test
  void derivedClientKeepsTheProxyAuthenticatorTimeoutAndExecutorOfTheSharedOne() throws Exception {
    ProxySelector proxy = ProxySelector.of(InetSocketAddress.createUnresolved("proxy.corp.example", 3128));
    Authenticator auth = new Authenticator() {};
    HttpClient shared =
        HttpClient.newBuilder()
            .proxy(proxy)
            .authenticator(auth)
            .connectTimeout(Duration.ofSeconds(3))
            .executor(threads)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    SSLContext context =
        MtlsHttpClients.sslContext(
            List.of(cert(client)), client.keyPair.getPrivate(), null);

    HttpClient derived = MtlsHttpClients.derive(shared, context, Duration.ofSeconds(10));

    assertThat(derived.proxy()).containsSame(proxy);
    assertThat(derived.authenticator()).containsSame(auth);
    assertThat(derived.connectTimeout()).contains(Duration.ofSeconds(3));
    assertThat(derived.executor()).containsSame(threads);
    assertThat(derived.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(derived.sslContext()).isSameAs(context);
    assertThat(derived.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
  }

  @Test
  void withoutASharedClientTheDerivedOneUsesTheDefaultProxySelectorAndConnectTimeout() throws Exception {
    SSLContext context = MtlsHttpClients.sslContext(List.of(cert(client)), client.keyPair.getPrivate(), null);

    HttpClient derived = MtlsHttpClients.derive(null, context, Duration.ofSeconds(10));

    assertThat(derived.proxy()).isEmpty(); // the JDK's default selector, which honours https.proxyHost
    assertThat(derived.connectTimeout()).contains(Duration.ofSeconds(10));
    assertThat(derived.sslContext()).isSameAs(context);
  }
}
