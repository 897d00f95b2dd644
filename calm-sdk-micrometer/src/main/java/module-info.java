/**
 * Metrics and traces for calm-sdk-java through Micrometer's Observation API: {@link
 * io.github.calmsdk.micrometer.ObservationCalmListener} adapts the SDK's listener SPI to an {@code
 * ObservationRegistry}, one {@code calm.client.requests} observation per call. Depends on calm-sdk-core and
 * micrometer-observation only; the registry's handlers decide what becomes a meter, a span or a log line.
 *
 * <pre>{@code
 * ObservationRegistry registry = ObservationRegistry.create();
 * registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
 * CalmClient calm = CalmClient.builder()
 *     .serviceKey(key)
 *     .addListener(ObservationCalmListener.create(registry))
 *     .build();
 * }</pre>
 */
@SuppressWarnings("requires-transitive-automatic")
module io.github.calmsdk.micrometer {
  requires transitive io.github.calmsdk.core;
  // automatic modules (Automatic-Module-Name in their manifests); KeyValues and KeyName come from commons
  requires transitive micrometer.observation;
  requires transitive micrometer.commons;

  exports io.github.calmsdk.micrometer;
}
