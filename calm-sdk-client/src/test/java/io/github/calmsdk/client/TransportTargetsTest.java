package io.github.calmsdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.auth.ServiceKeyKind;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.features.FeatureQuery;
import io.github.calmsdk.testkit.FakeCalm;
import io.github.calmsdk.testkit.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two transport targets: Cloud ALM's pass-through (legacy) and CTMS reached directly with its own key. */
class TransportTargetsTest {
  private FakeCalm fake;

  @BeforeEach
  void start() {
    fake = FakeCalm.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private List<String> paths() {
    return fake.requests().stream().map(RecordedRequest::path).toList();
  }

  @Test
  void withOnlyACtmsKeyTransportsGoToUriV2AndFeaturesSayWhichKeyTheyNeed() {
    fake.addFeatures("proj-1", 1);
    try (CalmClient calm = CalmClient.create(ServiceKey.fromJson(fake.ctmsServiceKeyJson()))) {
      assertThat(calm.transportKey().kind()).isEqualTo(ServiceKeyKind.TRANSPORT_MANAGEMENT);
      assertThat(calm.deployment().nodes()).extracting(n -> n.name().value()).contains("DEV", "QAS");
      assertThat(calm.hasFeatures()).isFalse();

      CalmValidationException e = catchThrowableOfType(CalmValidationException.class, calm::features);

      assertThat(e.field()).isEqualTo("serviceKey");
      assertThat(e.getMessage()).contains("Cloud ALM service key", "transportKey");
    }
    assertThat(paths()).contains("/ctms/v2/nodes");
    assertThat(paths()).noneMatch(p -> p.contains("imp-cdm-transport-management-api") || p.contains("calm-features"));
  }

  @Test
  void oneClientHoldsACloudAlmKeyForFeaturesAndACtmsKeyForTransportsEachWithItsOwnToken() {
    fake.addFeatures("proj-1", 2);
    try (CalmClient calm =
        CalmClient.builder()
            .serviceKey(ServiceKey.fromJson(fake.serviceKeyJson()))
            .transportKey(ServiceKey.fromJson(fake.ctmsServiceKeyJson()))
            .build()) {
      calm.deployment().nodes();
      assertThat(calm.features().list(FeatureQuery.builder().projectId("proj-1").build()).stream()).hasSize(2);
      assertThat(calm.transportCredentials()).isNotSameAs(calm.credentials());
      assertThat(calm.transportCredentials().token().value())
          .isNotEqualTo(calm.credentials().token().value());
    }
    assertThat(paths()).contains("/ctms/v2/nodes");
    assertThat(paths()).anyMatch(p -> p.contains("/calm-features/v1/Features"));
    assertThat(paths()).noneMatch(p -> p.contains("imp-cdm-transport-management-api"));
    assertThat(fake.tokenRequests()).isEqualTo(2);
  }

  @Test
  void withOnlyACloudAlmKeyTransportsUseThePassThroughAsBefore() {
    try (CalmClient calm = CalmClient.create(ServiceKey.fromJson(fake.serviceKeyJson()))) {
      assertThat(calm.transportKey()).isSameAs(calm.serviceKey());
      calm.deployment().nodes();
    }
    assertThat(paths()).anyMatch(p -> p.endsWith("/imp-cdm-transport-management-api/v1/v2/nodes"));
  }
}
