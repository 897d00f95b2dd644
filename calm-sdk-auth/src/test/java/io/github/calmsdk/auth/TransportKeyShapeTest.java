package io.github.calmsdk.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.calmsdk.auth.testing.Keys;
import io.github.calmsdk.auth.testing.TestKeys;
import io.github.calmsdk.core.error.CalmValidationException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The two key shapes: a Cloud ALM key (endpoints.Api) and a CTMS service instance key (uri), told apart by fields. */
class TransportKeyShapeTest {
  /** The shape of a CTMS service key as BTP shows it (Project Piper's tmsUtils reads uri and uaa). */
  private static final String CTMS_KEY =
      """
      {"uri": "https://transport-service-app-backend.ts.cfapps.eu10.hana.ondemand.com/",
       "uaa": {"clientid": "sb-8f1e!b1234|alm-ts-backend!b1", "clientsecret": "s3cr3t-ctms",
               "url": "https://acme.authentication.eu10.hana.ondemand.com", "identityzone": "acme",
               "tenantmode": "dedicated", "xsappname": "8f1e!b1234|alm-ts-backend!b1"}}
      """;

  @Test
  void aCtmsServiceKeyIsReadWithItsUriAsTheApiBase() {
    ServiceKey key = ServiceKey.fromJson(CTMS_KEY);

    assertThat(key.kind()).isEqualTo(ServiceKeyKind.TRANSPORT_MANAGEMENT);
    assertThat(key.apiBase())
        .isEqualTo(URI.create("https://transport-service-app-backend.ts.cfapps.eu10.hana.ondemand.com"));
    assertThat(key.tokenUri())
        .isEqualTo(URI.create("https://acme.authentication.eu10.hana.ondemand.com/oauth/token"));
    assertThat(key.clientId()).isEqualTo("sb-8f1e!b1234|alm-ts-backend!b1");
    assertThat(key.toString()).doesNotContain("s3cr3t-ctms");
  }

  @Test
  void aCtmsServiceKeyWithX509CredentialsIsReadAsTransportManagementWithItsCertUrlTokenUrl() {
    TestKeys client = TestKeys.generate("calm-client");
    ObjectNode k = Keys.x509Key("https://acme.authentication.cert.eu10.hana.ondemand.com", client, false);
    k.remove("endpoints");
    k.put("uri", "https://transport-service-app-backend.ts.cfapps.eu10.hana.ondemand.com/");

    ServiceKey key = ServiceKey.fromJson(k.toString());

    assertThat(key.kind()).isEqualTo(ServiceKeyKind.TRANSPORT_MANAGEMENT);
    assertThat(key.apiBase())
        .isEqualTo(URI.create("https://transport-service-app-backend.ts.cfapps.eu10.hana.ondemand.com"));
    assertThat(key.credentialType()).isEqualTo(CredentialType.X509);
    assertThat(key.usesCertificate()).isTrue();
    assertThat(key.hasClientSecret()).isFalse();
    assertThat(key.tokenUri())
        .isEqualTo(URI.create("https://acme.authentication.cert.eu10.hana.ondemand.com/oauth/token"));
    assertThat(key.certificateChain()).hasSize(1);
    assertThat(key.toString()).doesNotContain("PRIVATE KEY");
  }

  @Test
  void aCloudAlmKeyIsReadAsBefore() {
    ServiceKey key =
        ServiceKey.ofClientCredentials(
            URI.create("https://acme.eu10.alm.cloud.sap/api"),
            URI.create("https://acme.authentication.eu10.hana.ondemand.com"),
            "client",
            "secret");

    assertThat(key.kind()).isEqualTo(ServiceKeyKind.CLOUD_ALM);
  }

  @Test
  void aKeyWithNeitherEndpointsNorUriNamesBothShapes() {
    CalmValidationException e =
        catchThrowableOfType(
            CalmValidationException.class,
            () -> ServiceKey.fromJson("{\"uaa\": {\"clientid\": \"c\", \"clientsecret\": \"s\","
                + " \"url\": \"https://acme.authentication.eu10.hana.ondemand.com\"}}"));

    assertThat(e.field()).isEqualTo("endpoints");
    assertThat(e.getMessage()).contains("endpoints", "Api", "\"uri\"", "Cloud Transport Management");
    assertThat(e.getMessage()).doesNotContain("\"s\"");
  }

  @Test
  void aCtmsKeysUriMustBeHttps() {
    CalmValidationException e =
        catchThrowableOfType(
            CalmValidationException.class,
            () -> ServiceKey.fromJson(CTMS_KEY.replace("https://transport-service", "http://transport-service")));

    assertThat(e.field()).isEqualTo("uri");
  }
}
