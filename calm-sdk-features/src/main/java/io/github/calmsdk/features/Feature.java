package io.github.calmsdk.features;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.github.calmsdk.features.internal.LenientText;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A feature as Cloud ALM returns it. Every field may be null: the server leaves out unset values and {@code $select}
 * leaves out the rest. Fields the SDK does not know (new server fields, {@code $expand}ed navigation properties)
 * are kept in {@link #other()}.
 *
 * <p>{@code priorityCode} is a number on read but a string on write in the Cloud ALM API; it is read leniently as
 * text, so {@code 30} arrives as {@code "30"}. {@code statusCode} values are tenant data: read the valid ones from
 * {@link FeaturesClient#statuses()}.
 *
 * <pre>{@code
 * Feature f = features.getByDisplayId("6-123").orElseThrow();
 * System.out.println(f.displayId() + " " + f.title() + " [" + f.statusCode() + "]");
 * Object project = f.other().get("toProject"); // present when $expand=toProject was asked for
 * }</pre>
 *
 * @param uuid the feature's key
 * @param displayId the human-readable id, such as {@code 6-123}, unique within a project
 * @param title the title
 * @param description the description, as HTML
 * @param projectId the project's id
 * @param statusCode the status code (see {@link FeaturesClient#statuses()})
 * @param priorityCode the priority code as text (see {@link FeaturesClient#priorities()})
 * @param releaseId the release's id
 * @param scopeId the scope's id
 * @param responsibleId the responsible user's id
 * @param workstreamId the workstream's id
 * @param type the feature type
 * @param tags the tags; text as sent, or for a tag sent as an object its name, or its JSON
 * @param createdAt when the feature was created
 * @param modifiedAt when the feature was last changed
 * @param other every other member the server sent, by name (OData annotations such as {@code @odata.context} included); never null
 */
public record Feature(
    String uuid,
    String displayId,
    String title,
    String description,
    String projectId,
    String statusCode,
    String priorityCode,
    String releaseId,
    String scopeId,
    String responsibleId,
    String workstreamId,
    String type,
    @JsonDeserialize(contentUsing = LenientText.class) List<String> tags,
    Instant createdAt,
    Instant modifiedAt,
    @JsonAnySetter Map<String, Object> other) {

  /** Copies the collections; a missing {@code tags} or {@code other} becomes empty. */
  public Feature {
    tags = tags == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(tags));
    other = other == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(other));
  }

  /**
   * A field the SDK does not type, such as an expanded navigation property.
   *
   * @param name the JSON name
   * @return the value as Jackson read it (a String, Number, Boolean, List or Map), if present and not null
   */
  public Optional<Object> other(String name) {
    return Optional.ofNullable(other.get(name));
  }
}
