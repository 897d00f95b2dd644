package io.github.calmsdk.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.micrometer.ObservationCalmListener;
import io.github.calmsdk.testkit.FakeCalm;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CalmObservationAutoConfigurationTest {
  FakeCalm fake;
  ApplicationContextRunner runner;

  @BeforeEach
  void start() {
    fake = FakeCalm.start();
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CalmObservationAutoConfiguration.class, CalmAutoConfiguration.class))
        .withPropertyValues("calm.service-key=" + fake.serviceKeyJson());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void withAnObservationRegistryEveryCallOfTheClientIsObserved() {
    runner.withUserConfiguration(Registry.class).run(context -> {
      assertThat(context).hasSingleBean(ObservationCalmListener.class);

      context.getBean(CalmClient.class).deployment().nodes();

      assertThat(context.getBean(Registry.class).started).contains("calm.client.requests");
    });
  }

  @Test
  void withoutAnObservationRegistryThereIsNoListenerAndTheClientWorks() {
    runner.run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(ObservationCalmListener.class);
      assertThat(context.getBean(CalmClient.class).deployment().nodes()).hasSize(3);
    });
  }

  @Test
  void withoutCalmSdkMicrometerOnTheClassPathTheApplicationStartsUnobserved() {
    runner.withUserConfiguration(Registry.class)
        .withClassLoader(new FilteredClassLoader(ObservationCalmListener.class))
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(CalmClient.class);
          assertThat(context).doesNotHaveBean("calmObservationListener");
        });
  }

  @Test
  void withoutMicrometerAtAllTheApplicationStarts() {
    runner.withClassLoader(new FilteredClassLoader("io.micrometer", "io.github.calmsdk.micrometer"))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(CalmClient.class));
  }

  @Test
  void theUsersOwnObservationListenerWins() {
    runner.withUserConfiguration(Registry.class, OwnListener.class).run(context -> {
      assertThat(context).hasSingleBean(ObservationCalmListener.class);
      assertThat(context).hasBean("ownListener").doesNotHaveBean("calmObservationListener");
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    final List<String> started = new CopyOnWriteArrayList<>();

    @Bean
    ObservationRegistry observationRegistry() {
      ObservationRegistry registry = ObservationRegistry.create();
      registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
        @Override
        public void onStart(Observation.Context context) {
          started.add(context.getName());
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
          return true;
        }
      });
      return registry;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnListener {
    @Bean
    ObservationCalmListener ownListener(ObservationRegistry registry) {
      return ObservationCalmListener.create(registry);
    }
  }
}
