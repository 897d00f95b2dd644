/**
 * Spring Boot auto-configuration for calm-sdk-java: a {@link io.github.calmsdk.client.CalmClient} from the
 * {@code calm.*} properties, the {@code calm} health indicator, the relay of calm-sdk-relay run with the application
 * and its gauges, and Micrometer observations of every call. Add {@code calm-spring-boot-starter} and set
 * {@code calm.service-key}.
 *
 * <pre>{@code
 * @RestController
 * class Nodes {
 *   private final CalmClient calm;
 *   Nodes(CalmClient calm) { this.calm = calm; }
 *   @GetMapping("/nodes")
 *   List<String> nodes() { return calm.deployment().nodes().stream().map(n -> n.name().value()).toList(); }
 * }
 * }</pre>
 */
package io.github.calmsdk.spring.autoconfigure;
