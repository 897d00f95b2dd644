package io.github.calmsdk.spring.autoconfigure;

import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.retry.Backoff;
import io.github.calmsdk.core.retry.RetryPolicy;
import io.github.calmsdk.spring.autoconfigure.internal.ServiceKeys;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configures a {@link CalmClient} from the {@code calm.*} properties ({@link CalmProperties}), unless the
 * application defines its own. Every {@link CalmListener} bean is added to it, then every
 * {@link CalmClientBuilderCustomizer} bean is applied. A missing or unusable property stops the start with an
 * {@link InvalidCalmPropertyException} that names it.
 *
 * <pre>{@code
 * @SpringBootApplication
 * class App {
 *   App(CalmClient calm) {   // calm.service-key=CALM_SERVICE_KEY in application.properties
 *     calm.deployment().nodes().forEach(n -> System.out.println(n.name()));
 *   }
 * }
 * }</pre>
 */
@AutoConfiguration
@ConditionalOnClass(CalmClient.class)
@EnableConfigurationProperties(CalmProperties.class)
public class CalmAutoConfiguration {
  /** Created by Spring. */
  public CalmAutoConfiguration() {}

  /**
   * The client.
   *
   * @param properties the {@code calm.*} properties
   * @param environment where environment variables named by a key property are looked up
   * @param listeners every listener bean, added to the client
   * @param customizers every customizer bean, applied in order after the properties
   * @return the client, closed with the context
   * @throws InvalidCalmPropertyException when a {@code calm.*} property is missing or unusable
   */
  @Bean
  @ConditionalOnMissingBean
  public CalmClient calmClient(
      CalmProperties properties,
      Environment environment,
      ObjectProvider<CalmListener> listeners,
      ObjectProvider<CalmClientBuilderCustomizer> customizers) {
    CalmClient.Builder builder = CalmClient.builder()
        .serviceKey(ServiceKeys.read("calm.service-key", properties.getServiceKey(), environment::getProperty));
    if (properties.getTransportKey() != null && !properties.getTransportKey().isBlank()) {
      builder.transportKey(ServiceKeys.read("calm.transport-key", properties.getTransportKey(), environment::getProperty));
    }
    builder.connectTimeout(positive("calm.connect-timeout", properties.getConnectTimeout()))
        .attemptTimeout(positive("calm.attempt-timeout", properties.getAttemptTimeout()))
        .callTimeout(positive("calm.call-timeout", properties.getCallTimeout()))
        .retryPolicy(retryPolicy(properties.getRetry()));
    listeners.orderedStream().forEach(builder::addListener);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  private static RetryPolicy retryPolicy(CalmProperties.Retry retry) {
    if (retry.getMaxRetries() < 0) {
      throw new InvalidCalmPropertyException("calm.retry.max-retries",
          "must be 0 or more, was " + retry.getMaxRetries() + "; set 0 to disable retries", null);
    }
    Duration base = positive("calm.retry.backoff-base", retry.getBackoffBase());
    Duration cap = positive("calm.retry.backoff-cap", retry.getBackoffCap());
    if (cap.compareTo(base) < 0) {
      throw new InvalidCalmPropertyException("calm.retry.backoff-cap",
          "is shorter than calm.retry.backoff-base (" + base + "); raise it to at least that", null);
    }
    return RetryPolicy.defaults().toBuilder()
        .maxRetries(retry.getMaxRetries())
        .backoff(Backoff.fullJitter(base, cap))
        .build();
  }

  static Duration positive(String property, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new InvalidCalmPropertyException(property, "must be a positive duration, such as 30s or 2m; was " + d, null);
    }
    return d;
  }
}
