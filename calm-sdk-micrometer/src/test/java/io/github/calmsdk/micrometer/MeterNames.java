package io.github.calmsdk.micrometer;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the meters Micrometer's {@code DefaultMeterObservationHandler} (micrometer-core, not a dependency here)
 * would register, by the same rules as its 1.17 code: on start a long task timer {@code <name>.active} with the
 * low-cardinality keys, on each event a counter {@code <name>.<event>} with the keys the observation has then, on
 * stop a timer {@code <name>} with the keys and {@code error} (the error's simple class name, or {@code none}).
 */
final class MeterNames implements ObservationHandler<Observation.Context> {
  private final Map<String, List<Map<String, String>>> meters = new ConcurrentHashMap<>();

  @Override
  public boolean supportsContext(Observation.Context context) {
    return true;
  }

  @Override
  public void onStart(Observation.Context context) {
    record(context.getName() + ".active", tags(context));
  }

  @Override
  public void onEvent(Observation.Event event, Observation.Context context) {
    record(context.getName() + "." + event.getName(), tags(context));
  }

  @Override
  public void onStop(Observation.Context context) {
    Map<String, String> tags = tags(context);
    tags.put("error", context.getError() == null ? "none" : context.getError().getClass().getSimpleName());
    record(context.getName(), tags);
  }

  private void record(String name, Map<String, String> tags) {
    meters.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(tags);
  }

  private static Map<String, String> tags(Observation.Context context) {
    Map<String, String> tags = new TreeMap<>();
    for (KeyValue kv : context.getLowCardinalityKeyValues()) {
      tags.put(kv.getKey(), kv.getValue());
    }
    return tags;
  }

  /** The meter names recorded. */
  Set<String> names() {
    return Set.copyOf(meters.keySet());
  }

  /** Each increment or recording of the meter, with its tags. */
  List<Map<String, String>> recordings(String name) {
    return new ArrayList<>(meters.getOrDefault(name, List.of()));
  }

  /** The distinct sets of tag keys a meter name was recorded with (Prometheus allows one). */
  Set<Set<String>> tagKeySets(String name) {
    Set<Set<String>> keys = new java.util.HashSet<>();
    for (Map<String, String> r : recordings(name)) {
      keys.add(Set.copyOf(r.keySet()));
    }
    return keys;
  }
}
