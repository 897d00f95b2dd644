package io.github.calmsdk.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.core.testing.FakeClock;
import io.github.calmsdk.testkit.FakeCalm;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CalmHealthAutoConfigurationTest {
  FakeCalm fake;
  ApplicationContextRunner runner;

  @BeforeEach
  void start() {
    fake = FakeCalm.start();
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CalmAutoConfiguration.class, CalmHealthAutoConfiguration.class))
        .withPropertyValues("calm.service-key=" + fake.serviceKeyJson());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void withSpringBootHealthTheCalmIndicatorChecksTheTokenAndEachApiAndIsUp() {
    runner.run(context -> {
      assertThat(context).hasBean("calmHealthIndicator");
      Health health = context.getBean("calmHealthIndicator", HealthIndicator.class).health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsKeys("token", "transportManagement", "features", "checkedAt");
      assertThat(detail(health, "transportManagement")).containsEntry("status", "UP").containsEntry("nodes", 3);
      assertThat(detail(health, "features")).containsEntry("status", "UP");
      assertThat(health.getDetails()).doesNotContainKey("transportKeyToken");
    });
  }

  @Test
  void withoutSpringBootHealthTheApplicationStartsWithoutTheIndicator() {
    runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health")).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(CalmClient.class);
      assertThat(context).doesNotHaveBean("calmHealthIndicator");
    });
  }

  @Test
  void theIndicatorCanBeSwitchedOffLikeBootsOwn() {
    runner.withPropertyValues("management.health.calm.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("calmHealthIndicator"));
  }

  @Test
  void aRefusedTokenMakesItDownWithTheReasonAndNoSecret() {
    fake.faults().on("POST", ".*/oauth/token").status(401).times(100);
    runner.run(context -> {
      Health health = context.getBean("calmHealthIndicator", HealthIndicator.class).health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(detail(health, "token")).containsEntry("status", "DOWN").containsKey("error");
      assertThat(detail(health, "transportManagement")).containsEntry("status", "UNKNOWN");
      assertThat(health.toString()).doesNotContain(fake.clientSecret());
    });
  }

  @Test
  void aFailingProbeMakesItDownAndNamesTheApi() {
    fake.faults().on("GET", ".*/v2/nodes").status(403).times(100);
    runner.run(context -> {
      Health health = context.getBean("calmHealthIndicator", HealthIndicator.class).health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(detail(health, "token")).containsEntry("status", "UP");
      assertThat(detail(health, "transportManagement")).containsEntry("status", "DOWN")
          .hasEntrySatisfying("error", e -> assertThat((String) e).contains("403"));
    });
  }

  @Test
  void theDetailsNeverHoldTheClientSecretOrTheToken() {
    runner.run(context -> {
      Health health = context.getBean("calmHealthIndicator", HealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.toString()).doesNotContain(fake.clientSecret()).doesNotContain(fake.accessToken());
    });
  }

  @Test
  void aSeparateTransportKeyGetsItsOwnTokenCheck() {
    runner.withPropertyValues("calm.transport-key=" + fake.ctmsServiceKeyJson()).run(context -> {
      Health health = context.getBean("calmHealthIndicator", HealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(detail(health, "transportKeyToken")).containsEntry("status", "UP");
    });
  }

  @Test
  void aResultIsReusedForTheCacheTtlSoReadsNeverHammerCloudAlm() {
    FakeClock clock = new FakeClock();
    try (CalmClient calm = CalmClient.builder().serviceKey(ServiceKey.fromJson(fake.serviceKeyJson())).build()) {
      CalmHealthIndicator indicator = new CalmHealthIndicator(calm, Duration.ofSeconds(30), Duration.ofSeconds(10), clock);

      for (int i = 0; i < 5; i++) {
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
      }
      assertThat(fake.requestCount("GET", ".*/v2/nodes")).isEqualTo(1);

      clock.advance(Duration.ofSeconds(29));
      indicator.health();
      assertThat(fake.requestCount("GET", ".*/v2/nodes")).isEqualTo(1);

      clock.advance(Duration.ofSeconds(1));
      indicator.health();
      assertThat(fake.requestCount("GET", ".*/v2/nodes")).isEqualTo(2);
    }
  }

  @Test
  void aNegativeCacheTtlFailsNamingTheProperty() {
    runner.withPropertyValues("calm.health.cache-ttl=-1s").run(context ->
        assertThat(CalmAutoConfigurationTest.rootCause(context.getStartupFailure()).property())
            .isEqualTo("calm.health.cache-ttl"));
  }

  @Test
  void aZeroOrNegativeTimeoutFailsNamingTheProperty() {
    for (String bad : new String[] {"0s", "-1s"}) {
      runner.withPropertyValues("calm.health.timeout=" + bad).run(context -> {
        InvalidCalmPropertyException e = CalmAutoConfigurationTest.rootCause(context.getStartupFailure());
        assertThat(e.property()).isEqualTo("calm.health.timeout");
        assertThat(e.getMessage()).contains("must be a positive duration");
      });
    }
  }

  @Test
  void theTimeoutDefaultsToTenSecondsAndCanBeSet() {
    assertThat(new CalmProperties().getHealth().getTimeout()).isEqualTo(Duration.ofSeconds(10));
    runner.withPropertyValues("calm.health.timeout=3s").run(context ->
        assertThat(context.getBean("calmHealthIndicator").toString()).contains("timeout=PT3S"));
  }

  @Test
  void theSwitchAndTheTimeoutAreInTheConfigurationMetadata() throws Exception {
    StringBuilder all = new StringBuilder();
    java.util.Enumeration<java.net.URL> files =
        getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
    while (files.hasMoreElements()) {
      try (java.io.InputStream in = files.nextElement().openStream()) {
        String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (json.contains("\"calm.service-key\"")) {
          all.append(json);
        }
      }
    }
    assertThat(all.toString()).contains("\"management.health.calm.enabled\"").contains("\"calm.health.timeout\"");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> detail(Health health, String name) {
    return (Map<String, Object>) health.getDetails().get(name);
  }
}
