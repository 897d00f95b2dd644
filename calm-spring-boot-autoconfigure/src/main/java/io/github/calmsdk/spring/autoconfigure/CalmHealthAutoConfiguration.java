package io.github.calmsdk.spring.autoconfigure;

import io.github.calmsdk.client.CalmClient;
import java.time.Clock;
import java.time.Duration;
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
     * @return the indicator
     * @throws InvalidCalmPropertyException when {@code calm.health.cache-ttl} is negative
     */
    @Bean
    @ConditionalOnMissingBean(name = "calmHealthIndicator")
    public CalmHealthIndicator calmHealthIndicator(CalmClient client, CalmProperties properties) {
      Duration ttl = properties.getHealth().getCacheTtl();
      if (ttl == null || ttl.isNegative()) {
        throw new InvalidCalmPropertyException("calm.health.cache-ttl",
            "must be zero or a positive duration, such as 1m; was " + ttl, null);
      }
      return new CalmHealthIndicator(client, ttl, Clock.systemUTC());
    }
  }
}
