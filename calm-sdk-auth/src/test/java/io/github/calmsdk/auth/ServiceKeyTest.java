package io.github.calmsdk.auth;

import io.github.calmsdk.auth.testing.Keys;
import io.github.calmsdk.auth.testing.TestKeys;
import static io.github.calmsdk.auth.testing.Keys.CLIENT_ID;
import static io.github.calmsdk.auth.testing.Keys.JSON;
import static io.github.calmsdk.auth.testing.Keys.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.calmsdk.core.error.CalmValidationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceKeyTest {
  private static final String UAA = "https://acme.authentication.eu10.hana.ondemand.com";
  private static TestKeys client;
  private static TestKeys other;

  @TempDir Path dir;

  @BeforeAll
  static void keys() {
    client = TestKeys.generate("calm-client");
    other = TestKeys.generate("someone-else");
  }

  private static ObjectNode key() {
    return Keys.secretKey(UAA);
  }

  private static CalmValidationException rejection(String json) {
    return catchThrowableOfType(CalmValidationException.class, () -> ServiceKey.fromJson(json));
  }

  @Test
  void bareKeyGivesApiBaseTokenUriClientIdZoneAndType() {
    ServiceKey k = ServiceKey.fromJson(key().toString());

    assertThat(k.apiBase()).isEqualTo(URI.create("https://acme.eu10.alm.cloud.sap/api"));
    assertThat(k.tokenUri()).isEqualTo(URI.create(UAA + "/oauth/token"));
    assertThat(k.clientId()).isEqualTo(CLIENT_ID);
    assertThat(k.identityZone()).contains("acme");
    assertThat(k.credentialType()).isEqualTo(CredentialType.BINDING_SECRET);
    assertThat(k.credentialTypeName()).contains("binding-secret");
    assertThat(k.usesCertificate()).isFalse();
    assertThat(k.hasClientSecret()).isTrue();
    assertThat(k.clientSecret()).isEqualTo(SECRET);
    assertThat(k.certificateChain()).isEmpty();
  }

  @Test
  void keyWrappedInCredentialsObjectIsRead() {
    ObjectNode wrapped = JSON.createObjectNode();
    wrapped.set("credentials", key());
    wrapped.put("name", "calm-key");

    assertThat(ServiceKey.fromJson(wrapped.toString()).clientId()).isEqualTo(CLIENT_ID);
  }

  @Test
  void vcapServicesShapeIsRead() {
    ObjectNode vcap = JSON.createObjectNode();
    ObjectNode binding = vcap.putArray("cloudalm-api").addObject();
    binding.put("name", "calm");
    binding.set("credentials", key());

    assertThat(ServiceKey.fromJson(vcap.toString()).tokenUri()).isEqualTo(URI.create(UAA + "/oauth/token"));
  }

  @Test
  void cfServiceKeyOutputWithItsGettingKeyLineIsRead() {
    String pasted = "Getting key calm-key for service instance calm as admin...\n\n" + key().toPrettyString();

    assertThat(ServiceKey.fromJson(pasted).clientId()).isEqualTo(CLIENT_ID);
  }

  @Test
  void twoKeysInOneDocumentAreRejectedAsAmbiguous() {
    ObjectNode vcap = JSON.createObjectNode();
    vcap.putArray("a").addObject().set("credentials", key());
    vcap.putArray("b").addObject().set("credentials", key());

    CalmValidationException e = rejection(vcap.toString());
    assertThat(e.getMessage()).contains("2 service keys").contains("a[0].credentials").contains("b[0].credentials");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://eu10.alm.cloud.sap/api", "https://acme.eu10-004.alm.cloud.sap/api/"})
  void apiBaseIsTakenAsGivenNeverRebuiltFromTenantAndRegion(String api) {
    ObjectNode k = key();
    ((ObjectNode) k.get("endpoints")).put("Api", api);

    assertThat(ServiceKey.fromJson(k.toString()).apiBase().toString()).isEqualTo(api.replaceAll("/$", ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {UAA, UAA + "/", UAA + "/oauth/token", UAA + "/oauth/token/"})
  void tokenUriIsUaaUrlPlusOauthTokenWhateverTheUrlEndsWith(String url) {
    ObjectNode k = key();
    ((ObjectNode) k.get("uaa")).put("url", url);

    assertThat(ServiceKey.fromJson(k.toString()).tokenUri()).isEqualTo(URI.create(UAA + "/oauth/token"));
  }

  @ParameterizedTest
  @CsvSource({
    "binding-secret, BINDING_SECRET",
    "instance-secret, INSTANCE_SECRET",
    "INSTANCE_SECRET, INSTANCE_SECRET",
    "x509-attested-someday, OTHER",
    "binding-secret-v2, OTHER"
  })
  void credentialTypeValuesAreMappedAndUnknownOnesTolerated(String value, CredentialType expected) {
    ObjectNode k = key();
    ((ObjectNode) k.get("uaa")).put("credential-type", value);

    ServiceKey parsed = ServiceKey.fromJson(k.toString());
    assertThat(parsed.credentialType()).isEqualTo(expected);
    assertThat(parsed.credentialTypeName()).contains(value);
    assertThat(parsed.usesCertificate()).isFalse();
  }

  @Test
  void absentCredentialTypeOfASecretKeyIsInstanceSecret() {
    ObjectNode k = key();
    ((ObjectNode) k.get("uaa")).remove("credential-type");

    ServiceKey parsed = ServiceKey.fromJson(k.toString());
    assertThat(parsed.credentialType()).isEqualTo(CredentialType.INSTANCE_SECRET);
    assertThat(parsed.credentialTypeName()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "uaa, clientid, uaa.clientid",
    "uaa, clientsecret, uaa.clientsecret",
    "uaa, url, uaa.url",
    "endpoints, Api, endpoints.Api",
  })
  void missingFieldIsNamedByItsJsonPathWithWhatWasExpected(String parent, String field, String path) {
    ObjectNode k = key();
    ((ObjectNode) k.get(parent)).remove(field);

    CalmValidationException e = rejection(k.toString());
    assertThat(e.field()).isEqualTo(path);
    assertThat(e.getMessage()).startsWith(path + ": missing; expected");
    assertThat(e.getMessage()).doesNotContain(SECRET);
  }

  @Test
  void missingSectionsAreNamed() {
    ObjectNode noEndpoints = key();
    noEndpoints.remove("endpoints");
    assertThat(rejection(noEndpoints.toString()).field()).isEqualTo("endpoints");

    ObjectNode noUaa = key();
    noUaa.remove("uaa");
    assertThat(rejection(noUaa.toString()).getMessage()).startsWith("uaa: missing");
  }

  @Test
  void errorsInAWrappedKeyNameTheFullPath() {
    ObjectNode inner = key();
    ((ObjectNode) inner.get("uaa")).remove("clientsecret");
    ObjectNode wrapped = JSON.createObjectNode();
    wrapped.set("credentials", inner);

    assertThat(rejection(wrapped.toString()).field()).isEqualTo("credentials.uaa.clientsecret");
  }

  @Test
  void wrongTypeIsReportedByKindWithoutTheValue() {
    ObjectNode k = key();
    ((ObjectNode) k.get("uaa")).put("clientsecret", 123456789);

    CalmValidationException e = rejection(k.toString());
    assertThat(e.field()).isEqualTo("uaa.clientsecret");
    assertThat(e.getMessage()).contains("expected a string, found a number").doesNotContain("123456789");
  }

  @Test
  void emptySecretCountsAsMissing() {
    ObjectNode k = key();
    ((ObjectNode) k.get("uaa")).put("clientsecret", "   ");

    assertThat(rejection(k.toString()).getMessage()).startsWith("uaa.clientsecret: missing");
  }

  @Test
  void malformedJsonGivesThePositionButNeverQuotesTheText() {
    String broken = key().toPrettyString().replace("\"clientid\"", "clientid"); // an unquoted field name

    CalmValidationException e = rejection(broken);
    assertThat(e.getMessage()).contains("not valid JSON at line").contains("column");
    assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("clientid").doesNotContain("calm-inst");
  }

  @Test
  void truncatedJsonNeverEchoesTheSecret() {
    String json = key().toString();
    String cut = json.substring(0, json.indexOf(SECRET) + 6);

    CalmValidationException e = rejection(cut);
    assertThat(e.getMessage()).contains("not valid JSON").doesNotContain(SECRET.substring(0, 6));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "not json at all", "[1,2]"})
  void inputThatIsNoKeyAtAllIsRejectedWithTheExpectedShape(String text) {
    CalmValidationException e = rejection(text);
    assertThat(e.getMessage()).containsAnyOf("expected", "uaa");
  }

  @Test
  void toStringShowsWhereButNeverTheSecret() {
    String s = ServiceKey.fromJson(key().toString()).toString();

    assertThat(s)
        .contains("https://acme.eu10.alm.cloud.sap/api")
        .contains(CLIENT_ID)
        .contains("clientSecret=***")
        .doesNotContain(SECRET);
  }

  @Test
  void plainHttpToARemoteHostIsRejectedNamingTheFieldAndTheRule() {
    ObjectNode k = key();
    ((ObjectNode) k.get("uaa")).put("url", "http://acme.authentication.eu10.hana.ondemand.com");

    CalmValidationException e = rejection(k.toString());
    assertThat(e.field()).isEqualTo("uaa.url");
    assertThat(e.getMessage()).contains("only https").contains("loopback");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:9999", "http://[::1]:8080"})
  void plainHttpToLoopbackIsAcceptedForLocalFakes(String url) {
    ObjectNode k = key();
    ((ObjectNode) k.get("uaa")).put("url", url);
    ((ObjectNode) k.get("endpoints")).put("Api", url + "/api");

    assertThat(ServiceKey.fromJson(k.toString()).tokenUri()).isEqualTo(URI.create(url + "/oauth/token"));
  }

  @Test
  void urlThatIsNotAbsoluteIsRejected() {
    ObjectNode k = key();
    ((ObjectNode) k.get("endpoints")).put("Api", "eu10.alm.cloud.sap/api");

    CalmValidationException e = rejection(k.toString());
    assertThat(e.field()).isEqualTo("endpoints.Api");
    assertThat(e.getMessage()).contains("absolute URL").contains("https://<tenant>.<region>.alm.cloud.sap/api");
  }

  @Test
  void fromFileReadsTheKeyAndNamesTheFileInErrors() throws Exception {
    Path file = dir.resolve("key.json");
    Files.writeString(file, "\uFEFF" + key().toPrettyString(), StandardCharsets.UTF_8);
    assertThat(ServiceKey.fromFile(file).clientId()).isEqualTo(CLIENT_ID);

    ObjectNode k = key();
    ((ObjectNode) k.get("uaa")).remove("url");
    Files.writeString(file, k.toString());
    assertThat(catchThrowableOfType(CalmValidationException.class, () -> ServiceKey.fromFile(file)).getMessage())
        .startsWith("uaa.url: missing")
        .contains(file.toString());
  }

  @Test
  void missingFileIsNamed() {
    Path file = dir.resolve("nope.json");

    CalmValidationException e = catchThrowableOfType(CalmValidationException.class, () -> ServiceKey.fromFile(file));
    assertThat(e.field()).isEqualTo(file.toString());
    assertThat(e.getMessage()).contains("no such file");
  }

  @Test
  void environmentVariableMayHoldTheJson() {
    Map<String, String> env = Map.of("CALM_SERVICE_KEY", "  " + key() + "\n");

    assertThat(ServiceKey.fromEnvironment("CALM_SERVICE_KEY", env::get).clientId()).isEqualTo(CLIENT_ID);
  }

  @Test
  void environmentVariableMayHoldAPath() throws Exception {
    Path file = dir.resolve("calm.json");
    Files.writeString(file, key().toString());
    Map<String, String> env = Map.of("CALM_SERVICE_KEY", file.toString());

    assertThat(ServiceKey.fromEnvironment("CALM_SERVICE_KEY", env::get).clientId()).isEqualTo(CLIENT_ID);
  }

  @Test
  void unsetEnvironmentVariableSaysWhatToSetItTo() {
    CalmValidationException e =
        catchThrowableOfType(
            CalmValidationException.class, () -> ServiceKey.fromEnvironment("CALM_SERVICE_KEY", name -> null));

    assertThat(e.field()).isEqualTo("CALM_SERVICE_KEY");
    assertThat(e.getMessage()).contains("is not set").contains("JSON").contains("path");
  }

  @Test
  void environmentValueThatIsNeitherJsonNorAFileIsNotEchoed() {
    Map<String, String> env = Map.of("CALM_SERVICE_KEY", SECRET);

    CalmValidationException e =
        catchThrowableOfType(
            CalmValidationException.class, () -> ServiceKey.fromEnvironment("CALM_SERVICE_KEY", env::get));
    assertThat(e.getMessage()).contains("neither JSON").doesNotContain(SECRET);
  }

  @Test
  void clientCredentialsKeyCanBeBuiltFromItsParts() {
    ServiceKey k =
        ServiceKey.ofClientCredentials(URI.create(Keys.API + "/"), URI.create(UAA), CLIENT_ID, SECRET);

    assertThat(k.apiBase()).isEqualTo(URI.create(Keys.API));
    assertThat(k.tokenUri()).isEqualTo(URI.create(UAA + "/oauth/token"));
    assertThat(k.clientSecret()).isEqualTo(SECRET);
    assertThatThrownBy(() -> ServiceKey.ofClientCredentials(URI.create(Keys.API), URI.create(UAA), CLIENT_ID, null))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageStartingWith("uaa.clientsecret: missing");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void x509KeyReadsCertificateAndPkcs8OrPkcs1KeyAndUsesCertUrl(boolean pkcs1) {
    ServiceKey k =
        ServiceKey.fromJson(Keys.x509Key("https://acme.authentication.cert.eu10.hana.ondemand.com", client, pkcs1).toString());

    assertThat(k.credentialType()).isEqualTo(CredentialType.X509);
    assertThat(k.usesCertificate()).isTrue();
    assertThat(k.hasClientSecret()).isFalse();
    assertThat(k.tokenUri())
        .isEqualTo(URI.create("https://acme.authentication.cert.eu10.hana.ondemand.com/oauth/token"));
    assertThat(k.certificateChain()).hasSize(1);
    assertThat(k.certificateChain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=calm-client");
    assertThat(k.privateKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(k.privateKey().getEncoded()).isEqualTo(client.keyPair.getPrivate().getEncoded());
    assertThat(k.toString()).contains("privateKey=***").doesNotContain("PRIVATE KEY");
  }

  @Test
  void x509KeyWithLiteralBackslashNInsteadOfNewlinesIsRead() {
    ObjectNode k = Keys.x509Key("https://cert.example.org", client, false);
    ObjectNode uaa = (ObjectNode) k.get("uaa");
    uaa.put("certificate", client.certificatePem().replace("\n", "\\n"));
    uaa.put("key", client.pkcs8Pem().replace("\n", "\\n"));

    assertThat(ServiceKey.fromJson(k.toString()).certificateChain()).hasSize(1);
  }

  @Test
  void x509KeyWithoutCredentialTypeIsRecognisedByItsCertificate() {
    ObjectNode k = Keys.x509Key("https://cert.example.org", client, false);
    ((ObjectNode) k.get("uaa")).remove("credential-type");

    assertThat(ServiceKey.fromJson(k.toString()).credentialType()).isEqualTo(CredentialType.X509);
  }

  @ParameterizedTest
  @ValueSource(strings = {"certificate", "key", "certurl"})
  void x509KeyMissingAPartNamesIt(String field) {
    ObjectNode k = Keys.x509Key("https://cert.example.org", client, false);
    ((ObjectNode) k.get("uaa")).remove(field);

    CalmValidationException e = rejection(k.toString());
    assertThat(e.field()).isEqualTo("uaa." + field);
    assertThat(e.getMessage()).contains("x509");
  }

  @Test
  void privateKeyOfAnotherCertificateIsRejected() {
    ObjectNode k = Keys.x509Key("https://cert.example.org", client, false);
    ((ObjectNode) k.get("uaa")).put("key", other.pkcs8Pem());

    CalmValidationException e = rejection(k.toString());
    assertThat(e.field()).isEqualTo("uaa.key");
    assertThat(e.getMessage()).contains("does not belong").doesNotContain("PRIVATE");
  }

  @Test
  void encryptedPrivateKeyIsRejectedWithTheOpensslFix() {
    ObjectNode k = Keys.x509Key("https://cert.example.org", client, false);
    ((ObjectNode) k.get("uaa"))
        .put("key", TestKeys.pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}));

    assertThat(rejection(k.toString()).getMessage()).contains("encrypted").contains("openssl pkcs8");
  }

  @Test
  void garbledKeyIsRejectedWithoutQuotingIt() {
    ObjectNode k = Keys.x509Key("https://cert.example.org", client, false);
    String garbled = client.pkcs8Pem().replace("M", "A");
    ((ObjectNode) k.get("uaa")).put("key", garbled);

    CalmValidationException e = rejection(k.toString());
    assertThat(e.field()).isEqualTo("uaa.key");
    assertThat(e.getMessage()).doesNotContain(garbled.substring(40, 80));
  }

  @Test
  void certificateThatIsNotPemIsRejected() {
    ObjectNode k = Keys.x509Key("https://cert.example.org", client, false);
    ((ObjectNode) k.get("uaa")).put("certificate", "MIIB...");

    assertThat(rejection(k.toString()).getMessage())
        .startsWith("uaa.certificate: expected the client certificate chain in PEM form");
  }
}
