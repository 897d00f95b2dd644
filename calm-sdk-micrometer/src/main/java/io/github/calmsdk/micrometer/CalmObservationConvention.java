package io.github.calmsdk.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the observation of a call and its keys, read from a {@link CalmRequestContext}. The convention is asked at
 * the start and at the end of the call, and before each attempt and retry event (so the counters those events
 * become carry the attempt's status): return the same key names every time, with {@code none} where a value does
 * not apply, so every meter of one name has the same tag keys. Extend {@link DefaultCalmObservationConvention} to
 * add or change keys; register it on the listener's builder, or globally with {@code
 * observationConfig().observationConvention(...)}.
 *
 * <pre>{@code
 * CalmObservationConvention withTenant = new DefaultCalmObservationConvention() {
 *   public KeyValues getLowCardinalityKeyValues(CalmRequestContext c) {
 *     return super.getLowCardinalityKeyValues(c).and("tenant", tenant);
 *   }
 * };
 * CalmListener listener = ObservationCalmListener.builder(registry).convention(withTenant).build();
 * }</pre>
 */
public interface CalmObservationConvention extends ObservationConvention<CalmRequestContext> {
  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof CalmRequestContext;
  }

  @Override
  default String getName() {
    return CalmObservationDocumentation.CLIENT_REQUESTS.getName();
  }
}
