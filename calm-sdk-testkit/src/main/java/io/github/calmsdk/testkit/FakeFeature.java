package io.github.calmsdk.testkit;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one feature in the fake's Features API, for assertions.
 *
 * <pre>{@code
 * String uuid = fake.addFeature("p-1", "Checkout v2", "IN_IMPLEMENTATION");
 * // ... run the code under test, which PATCHes the status ...
 * assertThat(fake.feature(uuid).statusCode()).isEqualTo("IN_TESTING");
 * }</pre>
 *
 * @param uuid the key
 * @param displayId the human-readable id, such as {@code 1-17}
 * @param title the title
 * @param description the description (HTML), or null
 * @param projectId the project
 * @param statusCode the status code, one of the fake's {@code /FeatureStatus} codes
 * @param priorityCode the priority code, or null
 * @param releaseId the release, or null
 * @param scopeId the scope, or null
 * @param responsibleId the responsible person, or null
 * @param workstreamId the workstream, or null
 * @param type the type, or null
 * @param tags the tags
 * @param createdAt when it was created, on the fake's clock
 * @param modifiedAt when it was last changed, on the fake's clock
 */
public record FakeFeature(
    String uuid,
    String displayId,
    String title,
    String description,
    String projectId,
    String statusCode,
    Integer priorityCode,
    String releaseId,
    String scopeId,
    String responsibleId,
    String workstreamId,
    String type,
    List<String> tags,
    Instant createdAt,
    Instant modifiedAt) {

  /**
   * Copies the tags.
   *
   * @param uuid the key
   * @param displayId the display id
   * @param title the title
   * @param description the description, or null
   * @param projectId the project
   * @param statusCode the status code
   * @param priorityCode the priority code, or null
   * @param releaseId the release, or null
   * @param scopeId the scope, or null
   * @param responsibleId the responsible person, or null
   * @param workstreamId the workstream, or null
   * @param type the type, or null
   * @param tags the tags
   * @param createdAt the creation time
   * @param modifiedAt the last change
   */
  public FakeFeature {
    tags = List.copyOf(tags);
  }
}
