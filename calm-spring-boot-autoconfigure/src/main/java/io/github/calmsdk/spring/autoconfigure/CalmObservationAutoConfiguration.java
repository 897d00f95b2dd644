package io.github.calmsdk.spring.autoconfigure;

import io.github.calmsdk.micrometer.ObservationCalmListener;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Observes every call of the auto-configured client with Micrometer when calm-sdk-micrometer is on the class path
 * and the application has an {@link ObservationRegistry} (Spring Boot's actuator brings one): an
 * {@link ObservationCalmListener} bean, which {@link CalmAutoConfiguration} adds to the client like every
 * {@link io.github.calmsdk.core.event.CalmListener} bean. With Boot's metrics, the observations become the timers
 * {@code calm.client.requests} and {@code calm.client.token}.
 *
 * <pre>{@code
 * GET /actuator/metrics/calm.client.requests
 * }</pre>
 */
@AutoConfiguration(
    before = CalmAutoConfiguration.class,
    afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ObservationCalmListener.class, ObservationRegistry.class})
@ConditionalOnBean(ObservationRegistry.class)
public class CalmObservationAutoConfiguration {
  /** Created by Spring. */
  public CalmObservationAutoConfiguration() {}

  /**
   * The listener that turns the client's events into observations.
   *
   * @param registry the application's registry
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean
  public ObservationCalmListener calmObservationListener(ObservationRegistry registry) {
    return ObservationCalmListener.create(registry);
  }
}
