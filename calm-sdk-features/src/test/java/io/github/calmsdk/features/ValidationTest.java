package io.github.calmsdk.features;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/** Every rule checked before sending: each failure names the field, and nothing reaches the server. */
class ValidationTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();
  private FeaturesClient client;

  @BeforeEach
  void setUp() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    client = Wire.client(wm, clock);
  }

  @AfterEach
  void nothingWasSent() {
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  private static CalmValidationException rejected(Executable call) {
    return catchThrowableOfType(CalmValidationException.class, () -> call.execute());
  }

  private static void assertField(Executable call, String field, String messagePart) {
    CalmValidationException e = rejected(call);
    assertThat(e).as("a CalmValidationException").isNotNull();
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).startsWith(field + ": ").contains(messagePart);
  }

  @Test
  void newFeatureNeedsATitle() {
    assertField(() -> NewFeature.of("  ", "p-1"), "title", "must not be blank");
  }

  @Test
  void newFeatureTitleMayNotBeMissing() {
    assertField(() -> NewFeature.of(null, "p-1"), "title", "is missing");
  }

  @Test
  void newFeatureNeedsAProjectId() {
    assertField(() -> NewFeature.of("T", ""), "projectId", "project");
  }

  @Test
  void newFeatureOptionalIdsMayNotBeBlankWhenSet() {
    assertField(() -> NewFeature.builder("T", "p").releaseId(" ").build(), "releaseId", "must not be blank");
  }

  @Test
  void createNeedsAFeature() {
    assertField(() -> client.create(null), "feature", "is missing");
  }

  @Test
  void getNeedsAUuid() {
    assertField(() -> client.get(" "), "uuid", "must not be blank");
  }

  @Test
  void getByDisplayIdNeedsADisplayId() {
    assertField(() -> client.getByDisplayId(""), "displayId", "6-123");
  }

  @Test
  void getByDisplayIdWithinAProjectNeedsTheProject() {
    assertField(() -> client.getByDisplayId(" ", "6-1"), "projectId", "must not be blank");
  }

  @Test
  void updateNeedsAUuid() {
    assertField(() -> client.update("", FeatureUpdate.builder().title("t").build()), "uuid", "must not be blank");
  }

  @Test
  void updateNeedsAtLeastOneField() {
    assertField(() -> FeatureUpdate.builder().build(), "update", "no field is set");
  }

  @Test
  void updateTitleMayNotBeBlank() {
    assertField(() -> FeatureUpdate.builder().title(""), "title", "cannot be cleared");
  }

  @Test
  void updateSetterRefusesNullAndNamesTheClearMethod() {
    assertField(() -> FeatureUpdate.builder().responsibleId(null), "responsibleId", "clearResponsibleId()");
  }

  @Test
  void setStatusNeedsACode() {
    assertField(() -> client.setStatus("f-1", " "), "statusCode", "statuses()");
  }

  @Test
  void setStatusNeedsAUuid() {
    assertField(() -> client.setStatus(null, "A"), "uuid", "is missing");
  }

  @Test
  void deleteNeedsAUuid() {
    assertField(() -> client.delete(""), "uuid", "must not be blank");
  }

  @Test
  void listNeedsAQuery() {
    assertField(() -> client.list(null), "query", "FeatureQuery.all()");
  }

  @Test
  void topMayNotBeNegative() {
    assertField(() -> FeatureQuery.builder().top(-1).build(), "top", "must be 0 or more");
  }

  @Test
  void skipMayNotBeNegative() {
    assertField(() -> FeatureQuery.builder().skip(-5).build(), "skip", "must be 0 or more");
  }

  @Test
  void queryPageSizeMustBePositive() {
    assertField(() -> EntityQuery.builder().pageSize(0).build(), "pageSize", "must be 1 or more");
  }

  @Test
  void selectAcceptsOnlyPropertyNames() {
    assertField(() -> FeatureQuery.builder().select("title,uuid&$top=1").build(), "select", "not an OData property");
  }

  @Test
  void orderByAcceptsOnlyPropertyNames() {
    assertField(() -> FeatureQuery.builder().orderBy("title desc,uuid"), "orderBy", "not an OData property");
  }

  @Test
  void orderByKeysNeedADirection() {
    assertField(
        () -> new FeatureQuery(null, null, null, null, null, null, null, null, null, null, List.of("title"), null, 0, null),
        "orderBy",
        "asc");
  }

  @Test
  void whereAcceptsOnlyPropertyNames() {
    assertField(() -> EntityQuery.builder().where("a eq 'b' or x", "v").build(), "where", "not an OData property");
  }

  @Test
  void parentOfTransportNeedsATransportId() {
    assertField(() -> client.parentOfTransport(" "), "transportId", "S4DK900123");
  }

  @Test
  void externalReferenceNeedsAnId() {
    assertField(
        () -> NewExternalReference.builder().parentUuid("f").name("n").build(), "id", "is missing");
  }

  @Test
  void deleteExternalReferenceNeedsTheParent() {
    assertField(() -> client.deleteExternalReference("X", ""), "parentUuid", "must not be blank");
  }

  @Test
  void extraFieldsMustBeScalars() {
    assertField(
        () -> NewUrlReference.builder().parentUuid("f").url("u").field("list", List.of(1)).build(),
        "field",
        "String, Number, Boolean or null");
  }

  @Test
  void extraFieldsMayNotShadowATypedField() {
    assertField(
        () -> NewExternalReference.builder().id("i").parentUuid("f").name("n").field("name", "x").build(),
        "field",
        "own setter");
  }

  @Test
  void urlReferenceNeedsAUrl() {
    assertField(() -> NewUrlReference.builder().parentUuid("f").build(), "url", "is missing");
  }

  @Test
  void optionsPageSizeMustBePositive() {
    assertField(() -> FeaturesOptions.builder().pageSize(0).build(), "pageSize", "must be 1 or more");
  }

  @Test
  void optionsCacheTimeToLiveMayNotBeNegative() {
    assertField(
        () -> FeaturesOptions.builder().codeListCacheTtl(Duration.ofSeconds(-1)).build(), "codeListCacheTtl", "zero");
  }

  @Test
  void optionsServicePathMustStartWithSlash() {
    assertField(() -> FeaturesOptions.builder().servicePath("calm-features/v1").build(), "servicePath", "'/'");
  }

  @Test
  void apiBaseMustBeAbsolute() {
    assertField(
        () -> FeaturesClient.create(Wire.pipeline(clock), URI.create("/api")), "apiBase", "endpoints.Api");
  }

  @Test
  void apiBaseMayNotCarryAQuery() {
    assertField(
        () -> FeaturesClient.create(Wire.pipeline(clock), URI.create("https://eu10.alm.cloud.sap/api?x=1")),
        "apiBase",
        "without query");
  }

  @Test
  void apiBaseMayNotCarryCredentialsAndTheErrorDoesNotEchoThem() {
    CalmValidationException e =
        rejected(() -> FeaturesClient.create(Wire.pipeline(clock), URI.create("https://me:s3cret@eu10.alm.cloud.sap/api")));

    assertThat(e.field()).isEqualTo("apiBase");
    assertThat(e.getMessage()).contains("user info").doesNotContain("s3cret");
  }

  @Test
  void optionsServicePathMayNotHoldSpacesOrAQuery() {
    assertField(() -> FeaturesOptions.builder().servicePath("/calm features/v1?x").build(), "servicePath", "no query");
  }

  @Test
  void aQuoteInAConditionValueIsNotAValidationError() {
    assertThat(rejected(() -> EntityQuery.builder().where("parentUuid", "it's fine").build())).isNull();
  }
}
