package io.github.calmsdk.auth;

import io.github.calmsdk.auth.testing.Keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.calmsdk.auth.testing.MtlsTokenEndpoint;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token call of an X.509 key against an HTTPS token endpoint whose certificate a private CA issued and which
 * demands the client certificate: it succeeds only with the user's trust material.
 */
class X509TokenTrustTest {
  private static final String TOKEN = Keys.jwt(List.of("scope-a"), 0);

  private static MtlsTokenEndpoint endpoint;

  private final FakeClock clock = new FakeClock();

  @BeforeAll
  static void startTokenEndpoint() throws Exception {
    endpoint = MtlsTokenEndpoint.start(Keys.tokenResponse(TOKEN, 3600, null));
  }

  @AfterAll
  static void stop() {
    endpoint.close();
  }

  private static KeyStore trustingTheCa() throws Exception {
    return endpoint.caTrustStore();
  }

  private static ServiceKey key() {
    return ServiceKey.fromJson(Keys.x509Key(endpoint.certUrl(), endpoint.client(), false).toString());
  }

  private ClientContext.Builder context() {
    return ClientContext.builder().clock(clock).sleeper(clock.sleeper());
  }

  @Test
  void tokenCallTrustsTheUsersTrustStoreAndPresentsTheKeysCertificate() throws Exception {
    CalmCredentials creds =
        CalmCredentials.builder(key()).context(context().build()).trustStore(trustingTheCa()).build();

    assertThat(creds.token().value()).isEqualTo(TOKEN);
    assertThat(endpoint.clientsSeen()).contains("CN=calm-client");
  }

  @Test
  void tokenCallTrustsTheUsersTrustManager() throws Exception {
    CalmCredentials creds =
        CalmCredentials.builder(key()).context(context().build()).trustManager(endpoint.caTrustManager()).build();

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
    HttpClient http = HttpClient.newBuilder().sslContext(endpoint.caSslContext()).followRedirects(HttpClient.Redirect.NEVER).build();
    ClientContext context = context().httpClient(http).build();

    assertThatThrownBy(() -> CalmCredentials.builder(key()).context(context).build())
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("trustStore")
        .hasMessageContaining("SSLContext of its own");
    assertThat(CalmCredentials.builder(key()).context(context).trustStore(trustingTheCa()).build().token().value())
        .isEqualTo(TOKEN);
  }
}
