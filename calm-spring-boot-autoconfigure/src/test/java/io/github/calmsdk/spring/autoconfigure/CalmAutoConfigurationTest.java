package io.github.calmsdk.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.auth.ServiceKeyKind;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.event.CallEnded;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.retry.RetryPolicy;
import io.github.calmsdk.spring.autoconfigure.internal.InvalidCalmPropertyFailureAnalyzer;
import io.github.calmsdk.testkit.FakeCalm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class CalmAutoConfigurationTest {
  @TempDir Path dir;
  FakeCalm fake;
  ApplicationContextRunner runner;

  @BeforeEach
  void start() {
    fake = FakeCalm.start();
    runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CalmAutoConfiguration.class));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void aServiceKeyGivenAsJsonBuildsAClientThatReachesCloudAlm() {
    runner.withPropertyValues("calm.service-key=" + fake.serviceKeyJson()).run(context -> {
      CalmClient calm = context.getBean(CalmClient.class);
      assertThat(calm.deployment().nodes()).hasSize(3);
      assertThat(calm.hasFeatures()).isTrue();
    });
  }

  @Test
  void aServiceKeyGivenAsAFilePathIsRead() throws Exception {
    Path key = Files.writeString(dir.resolve("calm-key.json"), fake.serviceKeyJson());
    runner.withPropertyValues("calm.service-key=" + key).run(context ->
        assertThat(context.getBean(CalmClient.class).deployment().nodes()).hasSize(3));
  }

  @Test
  void aServiceKeyGivenAsAnEnvironmentVariableNameIsReadFromTheEnvironment() {
    runner.withPropertyValues("calm.service-key=MY_CALM_KEY", "MY_CALM_KEY=" + fake.serviceKeyJson())
        .run(context -> assertThat(context.getBean(CalmClient.class).serviceKey().clientId())
            .isEqualTo(fake.clientId()));
  }

  @Test
  void aTransportKeySendsTheTransportOperationsToTransportManagement() {
    runner.withPropertyValues(
            "calm.service-key=" + fake.serviceKeyJson(), "calm.transport-key=" + fake.ctmsServiceKeyJson())
        .run(context -> {
          CalmClient calm = context.getBean(CalmClient.class);
          assertThat(calm.transportKey().kind()).isEqualTo(ServiceKeyKind.TRANSPORT_MANAGEMENT);
          calm.deployment().nodes();
          assertThat(fake.requests()).filteredOn(r -> r.path().endsWith("/v2/nodes"))
              .singleElement().satisfies(r -> assertThat(r.path()).startsWith(fake.ctmsUri().getPath()));
        });
  }

  @Test
  void timeoutAndRetryPropertiesReachTheClient() {
    runner.withPropertyValues("calm.service-key=" + fake.serviceKeyJson(), "calm.connect-timeout=3s",
            "calm.attempt-timeout=20s", "calm.call-timeout=2m", "calm.retry.max-retries=7")
        .run(context -> {
          ClientContext c = context.getBean(CalmClient.class).context();
          assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
          assertThat(c.attemptTimeout()).isEqualTo(Duration.ofSeconds(20));
          assertThat(c.callTimeout()).isEqualTo(Duration.ofMinutes(2));
          assertThat(c.retryPolicy().maxRetries()).isEqualTo(7);
        });
  }

  @Test
  void thePropertyDefaultsAreTheLibrarysDefaults() {
    CalmProperties p = new CalmProperties();
    assertThat(p.getConnectTimeout()).isEqualTo(ClientContext.DEFAULT_CONNECT_TIMEOUT);
    assertThat(p.getAttemptTimeout()).isEqualTo(ClientContext.DEFAULT_ATTEMPT_TIMEOUT);
    assertThat(p.getCallTimeout()).isEqualTo(ClientContext.DEFAULT_CALL_TIMEOUT);
    assertThat(p.getRetry().getMaxRetries()).isEqualTo(RetryPolicy.defaults().maxRetries());
  }

  @Test
  void theUsersOwnClientWins() {
    runner.withUserConfiguration(OwnClient.class)
        .withPropertyValues("calm.service-key=not used: the user's client wins")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(CalmClient.class);
          assertThat(context.getBean(CalmClient.class)).isSameAs(context.getBean(OwnClient.class).client);
        });
  }

  @Test
  void everyListenerBeanHearsTheClientsCallsAndCustomizersRunInOrder() {
    runner.withUserConfiguration(ListenerAndCustomizers.class)
        .withPropertyValues("calm.service-key=" + fake.serviceKeyJson())
        .run(context -> {
          context.getBean(CalmClient.class).deployment().nodes();

          assertThat(context.getBean(ListenerAndCustomizers.class).ended)
              .extracting(e -> e.call().operation()).contains("transport.nodes");
          assertThat(fake.requests()).filteredOn(r -> r.path().endsWith("/v2/nodes"))
              .singleElement().satisfies(r -> assertThat(r.header("User-Agent")).endsWith("first second"));
        });
  }

  @Test
  void withoutAServiceKeyTheStartFailsNamingTheProperty() {
    runner.run(context -> {
      assertThat(context).hasFailed();
      InvalidCalmPropertyException e = rootCause(context.getStartupFailure());
      assertThat(e.property()).isEqualTo("calm.service-key");
      assertThat(e.getMessage()).startsWith("calm.service-key: is not set;").contains("environment variable");
    });
  }

  @Test
  void aMalformedKeyFailsNamingThePropertyAndNeverShowsTheSecret() {
    String truncated = fake.serviceKeyJson().substring(0, fake.serviceKeyJson().indexOf(fake.clientSecret()) + 8);
    runner.withPropertyValues("calm.service-key=" + truncated).run(context -> {
      assertThat(context).hasFailed();
      InvalidCalmPropertyException e = rootCause(context.getStartupFailure());
      assertThat(e.property()).isEqualTo("calm.service-key");
      assertThat(e.getMessage()).contains("not valid JSON");
      assertNoSecretIn(context.getStartupFailure(), fake.clientSecret());
      assertNoSecretIn(context.getStartupFailure(), fake.clientSecret().substring(0, 8));
      FailureAnalysis analysis = new InvalidCalmPropertyFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis.getDescription()).startsWith("Property calm.service-key holds no usable service key")
          .doesNotContain(fake.clientSecret().substring(0, 8));
      assertThat(analysis.getAction()).contains("calm.service-key").contains("CALM_SERVICEKEY");
    });
  }

  @Test
  void aValueThatIsNeitherJsonNorFileNorVariableIsNotEchoed() {
    String pasted = "pasted-" + fake.clientSecret();
    runner.withPropertyValues("calm.service-key=" + pasted).run(context -> {
      InvalidCalmPropertyException e = rootCause(context.getStartupFailure());
      assertThat(e.getMessage()).startsWith("calm.service-key: is neither JSON");
      assertNoSecretIn(context.getStartupFailure(), fake.clientSecret());
    });
  }

  @Test
  void aVariableNameThatIsNotSetSaysSoWithoutEchoingTheValueWhichCouldBeAPastedSecret() {
    runner.withPropertyValues("calm.service-key=" + fake.serviceKeyJson(), "calm.transport-key=Xk9pQ2secretLooking7")
        .run(context -> {
          assertThat(rootCause(context.getStartupFailure()).getMessage())
              .startsWith("calm.transport-key: names neither an existing file nor a set environment variable")
              .contains("no variable of that name is set");
          assertNoSecretIn(context.getStartupFailure(), "Xk9pQ2secretLooking7");
        });
  }

  @Test
  void aMissingKeyFileIsNamedWithItsPath() {
    runner.withPropertyValues("calm.service-key=" + dir.resolve("gone.json"))
        .run(context -> assertThat(rootCause(context.getStartupFailure()).getMessage())
            .startsWith("calm.service-key: is neither JSON").contains(dir.resolve("gone.json").toString()));
  }

  @Test
  void aZeroTimeoutOrAShortBackoffCapFailsNamingItsProperty() {
    runner.withPropertyValues("calm.service-key=" + fake.serviceKeyJson(), "calm.call-timeout=0s")
        .run(context -> assertThat(rootCause(context.getStartupFailure()).property()).isEqualTo("calm.call-timeout"));
    runner.withPropertyValues("calm.service-key=" + fake.serviceKeyJson(), "calm.retry.backoff-cap=100ms")
        .run(context -> assertThat(rootCause(context.getStartupFailure()).property())
            .isEqualTo("calm.retry.backoff-cap"));
    runner.withPropertyValues("calm.service-key=" + fake.serviceKeyJson(), "calm.retry.max-retries=-1")
        .run(context -> assertThat(rootCause(context.getStartupFailure()).property())
            .isEqualTo("calm.retry.max-retries"));
  }

  static InvalidCalmPropertyException rootCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidCalmPropertyException e) {
        return e;
      }
    }
    throw new AssertionError("no InvalidCalmPropertyException in " + failure);
  }

  static void assertNoSecretIn(Throwable failure, String secret) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
      assertThat(t.toString()).doesNotContain(secret);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClient {
    final CalmClient client = CalmClient.builder()
        .serviceKey(ServiceKey.ofClientCredentials(java.net.URI.create("http://127.0.0.1:1/api"),
            java.net.URI.create("http://127.0.0.1:1"), "own", "own-secret"))
        .build();

    @Bean
    CalmClient ownCalmClient() {
      return client;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ListenerAndCustomizers {
    final List<CallEnded> ended = new CopyOnWriteArrayList<>();

    @Bean
    CalmListener recordingListener() {
      return new CalmListener() {
        @Override
        public void callEnded(CallEnded event) {
          ended.add(event);
        }
      };
    }

    @Bean
    @Order(2)
    CalmClientBuilderCustomizer second() {
      return b -> b.userAgentSuffix("first second");
    }

    @Bean
    @Order(1)
    CalmClientBuilderCustomizer first() {
      return b -> b.userAgentSuffix("first");
    }
  }
}
