package io.github.calmsdk.spring.autoconfigure;

import io.github.calmsdk.relay.Relay;
import io.github.calmsdk.spring.autoconfigure.internal.RelayMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The relay's gauges, when Micrometer ({@code micrometer-core}) and a {@link Relay} bean are there:
 * {@code calm.relay.entries} tagged {@code state} ({@code pending}, {@code sending}, {@code failed},
 * {@code unresolved}) and {@code calm.relay.oldest.pending} (the age of the oldest pending entry, 0 when none).
 * One store query serves a whole scrape. Spring Boot binds the {@link MeterBinder} to every registry.
 *
 * <pre>{@code
 * GET /actuator/metrics/calm.relay.entries?tag=state:failed
 * }</pre>
 */
@AutoConfiguration(after = CalmRelayAutoConfiguration.class)
@ConditionalOnClass({Relay.class, MeterRegistry.class, MeterBinder.class})
@ConditionalOnBean(Relay.class)
public class CalmRelayMetricsAutoConfiguration {
  /** Created by Spring. */
  public CalmRelayMetricsAutoConfiguration() {}

  /**
   * The gauges.
   *
   * @param relay the relay whose store they read
   * @return the binder
   */
  @Bean
  @ConditionalOnMissingBean(name = "calmRelayMeters")
  public MeterBinder calmRelayMeters(Relay relay) {
    return new RelayMeters(relay, System::nanoTime);
  }
}
