package io.github.calmsdk.spring.autoconfigure;

import io.github.calmsdk.client.CalmClient;

/**
 * Adjusts the {@link CalmClient.Builder} of the auto-configured client after the {@code calm.*} properties were
 * applied. Every customizer bean is applied, in {@link org.springframework.core.annotation.Order} order.
 *
 * <pre>{@code
 * @Bean
 * CalmClientBuilderCustomizer proxyAndBudget() {
 *   return builder -> builder.proxy(ProxySelector.of(new InetSocketAddress("proxy", 3128)))
 *       .retryBudget(RetryBudget.of(50, 5, 10));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface CalmClientBuilderCustomizer {
  /**
   * Customizes the builder.
   *
   * @param builder the builder, with the properties already applied
   */
  void customize(CalmClient.Builder builder);
}
