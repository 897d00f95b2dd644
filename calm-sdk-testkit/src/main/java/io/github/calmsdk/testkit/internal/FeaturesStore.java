package io.github.calmsdk.testkit.internal;

import io.github.calmsdk.testkit.FakeFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The state of the Features fake: features, transports, transport, external and URL references. All of it is
 * guarded by one lock ({@link #locked(Supplier)}); no I/O happens while it is held.
 */
public final class FeaturesStore {
  static final class Feature {
    String uuid;
    String displayId;
    String title;
    String description;
    String projectId;
    String statusCode;
    Integer priorityCode;
    String releaseId;
    String scopeId;
    String responsibleId;
    String workstreamId;
    String type;
    List<String> tags = List.of();
    Instant createdAt;
    Instant modifiedAt;

    Map<String, Object> row() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("uuid", uuid);
      m.put("displayId", displayId);
      m.put("title", title);
      m.put("description", description);
      m.put("projectId", projectId);
      m.put("statusCode", statusCode);
      m.put("priorityCode", priorityCode);
      m.put("releaseId", releaseId);
      m.put("scopeId", scopeId);
      m.put("responsibleId", responsibleId);
      m.put("workstreamId", workstreamId);
      m.put("type", type);
      m.put("tags", tags);
      m.put("createdAt", Times.format(createdAt));
      m.put("modifiedAt", Times.format(modifiedAt));
      return m;
    }

    FakeFeature snapshot() {
      return new FakeFeature(uuid, displayId, title, description, projectId, statusCode, priorityCode, releaseId,
          scopeId, responsibleId, workstreamId, type, tags, createdAt, modifiedAt);
    }
  }

  private final Settings settings;
  private final Guard guard = new Guard();
  final Map<String, Feature> features = new LinkedHashMap<>();
  private final Map<String, Integer> projectNumbers = new HashMap<>();
  private final Map<String, Integer> projectCounters = new HashMap<>();
  final Map<String, Map<String, Object>> transports = new LinkedHashMap<>();
  final Map<String, Map<String, Object>> transportReferences = new LinkedHashMap<>();
  final Map<String, Map<String, Object>> externalReferences = new LinkedHashMap<>();
  final Map<String, Map<String, Object>> urlReferences = new LinkedHashMap<>();
  final Map<String, Map<String, Object>> taskAssignments = new LinkedHashMap<>();

  FeaturesStore(Settings settings) {
    this.settings = settings;
  }

  /** Runs {@code work} under the lock. */
  <T> T locked(Supplier<T> work) {
    return guard.locked(work);
  }

  // ------------------------------------------------------------------------------------------------ test helpers

  /** Adds a feature; see {@code FakeCalm.addFeature}. */
  public String addFeature(String projectId, String title, String statusCode) {
    if (projectId == null || projectId.isBlank() || title == null || title.isBlank()) {
      throw new IllegalArgumentException("a feature needs a projectId and a title");
    }
    String status = statusCode == null ? firstStatus() : statusCode;
    if (!settings.featureStatuses().containsKey(status)) {
      throw new IllegalArgumentException("unknown status code " + status + "; known: "
          + settings.featureStatuses().keySet());
    }
    return locked(() -> {
      Feature f = newFeature(projectId, title);
      f.statusCode = status;
      return f.uuid;
    });
  }

  /** A snapshot of one feature. */
  public FakeFeature feature(String uuid) {
    return locked(() -> {
      Feature f = features.get(uuid);
      if (f == null) {
        throw new NoSuchElementException("no feature " + uuid);
      }
      return f.snapshot();
    });
  }

  /** Snapshots of every feature. */
  public List<FakeFeature> features() {
    return locked(() -> {
      List<FakeFeature> out = new ArrayList<>();
      features.values().forEach(f -> out.add(f.snapshot()));
      return out;
    });
  }

  /** Makes a transport known and assigns it to a feature (or none). */
  public void assignTransport(String transportId, String featureUuid) {
    if (transportId == null || transportId.isBlank()) {
      throw new IllegalArgumentException("a transport needs an id");
    }
    locked(() -> {
      if (featureUuid != null && !features.containsKey(featureUuid)) {
        throw new NoSuchElementException("no feature " + featureUuid);
      }
      Map<String, Object> t = transports.computeIfAbsent(transportId, id -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("description", "Transport " + id);
        m.put("status", "released");
        m.put("featureUuid", null);
        m.put("createdAt", Times.format(settings.clock().instant()));
        return m;
      });
      t.put("featureUuid", featureUuid);
      return null;
    });
  }

  /** Adds a manual transport reference. */
  public String addTransportReference(String featureUuid, String transportId, String description) {
    return addChild(transportReferences, featureUuid, "transportId", transportId, "description", description);
  }

  /**
   * Assigns a task (or user story, defect, requirement) to a feature, for {@code /TaskAssignments}.
   *
   * @throws NoSuchElementException when the feature does not exist
   */
  public String addTaskAssignment(String featureUuid, String taskId, String taskType, String title) {
    if (taskId == null || taskId.isBlank()) {
      throw new IllegalArgumentException("a task assignment needs a taskId");
    }
    return addChild(taskAssignments, featureUuid, "taskId", taskId, "taskType", taskType, "title", title);
  }

  /** Adds a row {@code {uuid, parentUuid, name1: value1, ...}} under an existing feature; returns the uuid. */
  private String addChild(Map<String, Map<String, Object>> target, String featureUuid, Object... namesAndValues) {
    return locked(() -> {
      if (!features.containsKey(featureUuid)) {
        throw new NoSuchElementException("no feature " + featureUuid);
      }
      String uuid = UUID.randomUUID().toString();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("uuid", uuid);
      m.put("parentUuid", featureUuid);
      for (int k = 0; k < namesAndValues.length; k += 2) {
        m.put((String) namesAndValues[k], namesAndValues[k + 1]);
      }
      target.put(uuid, m);
      return uuid;
    });
  }

  /** The rows of {@code source} whose {@code key} field equals {@code value}, copied. */
  static List<Map<String, Object>> rowsWhere(Map<String, Map<String, Object>> source, String key, Object value) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : source.values()) {
      if (value.equals(r.get(key))) {
        out.add(new LinkedHashMap<>(r));
      }
    }
    return out;
  }

  String firstStatus() {
    return settings.featureStatuses().keySet().iterator().next();
  }

  Feature newFeature(String projectId, String title) {
    Feature f = new Feature();
    f.uuid = UUID.randomUUID().toString();
    int project = projectNumbers.computeIfAbsent(projectId, p -> projectNumbers.size() + 1);
    int n = projectCounters.merge(projectId, 1, Integer::sum);
    f.displayId = project + "-" + n;
    f.title = title;
    f.projectId = projectId;
    f.statusCode = firstStatus();
    f.type = "Feature";
    f.createdAt = settings.clock().instant();
    f.modifiedAt = f.createdAt;
    features.put(f.uuid, f);
    return f;
  }
}
