package io.github.calmsdk.spring.autoconfigure;

import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.spring.autoconfigure.internal.RelayFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the {@code calm} {@link CalmHealthIndicator} when Spring Boot's health support
 * ({@code spring-boot-health}, brought by the actuator starter) is on the class path and there is a
 * {@link CalmClient}. A separate auto-configuration, so an application without Actuator never loads a health type
 * and starts as usual. Switch it off with {@code management.health.calm.enabled=false}.
 *
 * <pre>{@code
 * management.endpoint.health.show-details=always
 * calm.health.cache-ttl=2m
 * calm.health.timeout=10s
 * }</pre>
 */
@AutoConfiguration(after = CalmAutoConfiguration.class)
@ConditionalOnClass({CalmClient.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(CalmClient.class)
public class CalmHealthAutoConfiguration {
  /** Created by Spring. */
  public CalmHealthAutoConfiguration() {}

  /**
   * The indicator's configuration, nested: {@code @ConditionalOnEnabledHealthIndicator} names a condition class of
   * spring-boot-health, which Spring resolves while it reads the conditions of a class, before
   * {@code @ConditionalOnClass} can rule the class out (spring-boot #49196). Here it is read only once the outer
   * class's {@code @ConditionalOnClass} has passed.
   *
   * <pre>{@code
   * management.health.calm.enabled=false   # no calm indicator
   * }</pre>
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnEnabledHealthIndicator("calm")
  public static class Indicator {
    /** Created by Spring. */
    public Indicator() {}

    /**
     * The indicator; its bean name makes it the {@code calm} health component.
     *
     * @param client the client to check
     * @param properties the {@code calm.*} properties
     * @param beans the bean factory, to find the relay's lifecycle when the application runs the relay
     * @return the indicator
     * @throws InvalidCalmPropertyException when {@code calm.health.cache-ttl} is negative or
     *     {@code calm.health.timeout} is not positive
     */
    @Bean
    @ConditionalOnMissingBean(name = "calmHealthIndicator")
    public CalmHealthIndicator calmHealthIndicator(CalmClient client, CalmProperties properties, BeanFactory beans) {
      Duration ttl = properties.getHealth().getCacheTtl();
      if (ttl == null || ttl.isNegative()) {
        throw new InvalidCalmPropertyException("calm.health.cache-ttl",
            "must be zero or a positive duration, such as 1m; was " + ttl, null);
      }
      Duration timeout = properties.getHealth().getTimeout();
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw new InvalidCalmPropertyException("calm.health.timeout",
            "must be a positive duration, such as 10s; was " + timeout, null);
      }
      return new CalmHealthIndicator(client, ttl, timeout, Clock.systemUTC(),
          (f, t) -> f.get(t.toNanos(), TimeUnit.NANOSECONDS), () -> relayFailure(beans));
    }

    // looked up by name at each read: the lifecycle is created independently of this bean, and its type names no
    // relay class, so this works without calm-sdk-relay on the class path
    private static Optional<String> relayFailure(BeanFactory beans) {
      if (beans.containsBean(CalmRelayAutoConfiguration.LIFECYCLE)
          && beans.getBean(CalmRelayAutoConfiguration.LIFECYCLE) instanceof RelayFailure lifecycle) {
        return lifecycle.failure();
      }
      return Optional.empty();
    }
  }
}
