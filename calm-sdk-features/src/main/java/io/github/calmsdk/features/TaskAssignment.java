package io.github.calmsdk.features;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A task, user story, defect or requirement assigned to a feature ({@code GET /TaskAssignments}, read-only). SAP
 * lists the entity set but does not publish its fields. Only {@code uuid} and {@code parentUuid} (the feature's
 * uuid, the name the Features API uses for the parent of every sub-entity) are typed, and neither is confirmed for
 * this set; every member the server sends, such as a task id, type or title, is kept in {@link #other()} under the
 * server's name. Read your tenant's {@code $metadata} for the real list.
 *
 * <pre>{@code
 * for (TaskAssignment t : features.taskAssignmentsOf(featureUuid)) {
 *   System.out.println(t.other("taskId").orElse("?") + " " + t.other("title").orElse(""));
 * }
 * }</pre>
 *
 * @param uuid the assignment's key, if the server sends one by that name
 * @param parentUuid the uuid of the feature, if the server sends it by that name
 * @param other every other member the server sent, by name (OData annotations included); never null
 */
public record TaskAssignment(String uuid, String parentUuid, @JsonAnySetter Map<String, Object> other) {

  /** Copies {@code other}; missing becomes empty. */
  public TaskAssignment {
    other = other == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(other));
  }

  /**
   * A field that is not typed.
   *
   * @param name the JSON name
   * @return the value as Jackson read it, if present and not null
   */
  public Optional<Object> other(String name) {
    return Optional.ofNullable(other.get(name));
  }
}
