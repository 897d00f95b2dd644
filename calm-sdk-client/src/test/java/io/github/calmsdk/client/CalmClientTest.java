package io.github.calmsdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.features.Feature;
import io.github.calmsdk.features.FeatureQuery;
import io.github.calmsdk.testkit.FakeCalm;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CalmClientTest {
  private FakeCalm fake;

  @BeforeEach
  void start() {
    fake = FakeCalm.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void oneClientReachesBothApisWithOneCachedToken() {
    fake.addFeatures("proj-1", 3);
    try (CalmClient calm = CalmClient.create(ServiceKey.fromJson(fake.serviceKeyJson()))) {
      assertThat(calm.deployment().nodes()).extracting(n -> n.name().value()).contains("DEV", "QAS", "PRD");
      assertThat(calm.features().list(FeatureQuery.builder().projectId("proj-1").build()).stream().map(Feature::title))
          .hasSize(3);
      assertThat(calm.credentials().token().expiresAt()).isAfter(java.time.Instant.now());
    }
    assertThat(fake.tokenRequests()).isEqualTo(1);
  }

  @Test
  void sendsTheUserAgentSuffixOnApiCalls() {
    try (CalmClient calm =
        CalmClient.builder().serviceKey(ServiceKey.fromJson(fake.serviceKeyJson())).userAgentSuffix("my-tool/2.0").build()) {
      calm.deployment().nodes();
    }
    assertThat(fake.requests().stream().filter(r -> r.path().endsWith("/v2/nodes")))
        .singleElement()
        .satisfies(r -> assertThat(r.headers().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("User-Agent")).flatMap(h -> h.getValue().stream()))
            .singleElement().asString().startsWith("calm-sdk-java/").endsWith(" my-tool/2.0"));
  }

  @Test
  void refusesToBuildWithoutAServiceKeyAndSaysHowToGetOne() {
    assertThatThrownBy(() -> CalmClient.builder().build())
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("serviceKey")
        .hasMessageContaining("ServiceKey.fromEnvironment");
  }

  @Test
  void refusesPlainHttpToANonLoopbackApiBaseBeforeAnythingIsSent() {
    assertThatThrownBy(() -> CalmClient.builder()
            .serviceKey(ServiceKey.fromJson(fake.serviceKeyJson()))
            .apiBase(URI.create("http://calm.example.com/api"))
            .build())
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("apiBase")
        .hasMessageContaining("https");
    assertThat(fake.tokenRequests()).isZero();
  }

  @Test
  void rejectsNonPositiveTimeoutsNamingTheSetting() {
    assertThatThrownBy(() -> CalmClient.builder().callTimeout(Duration.ZERO))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("callTimeout");
  }

  @Test
  void toStringNamesTheApiAndClientButNoSecret() {
    try (CalmClient calm = CalmClient.create(ServiceKey.fromJson(fake.serviceKeyJson()))) {
      assertThat(calm.toString()).contains(fake.clientId()).doesNotContain(fake.clientSecret());
    }
  }
}
