package io.github.calmsdk.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.core.json.JacksonJsonCodec;
import io.github.calmsdk.core.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the records read what the server sends, through the SDK's own codec. */
class FeatureDecodingTest {
  private final JsonCodec codec = JacksonJsonCodec.create();

  private Feature read(String json) {
    return codec.decode(json.getBytes(StandardCharsets.UTF_8), Feature.class);
  }

  @Test
  void priorityCodeSentAsANumberIsReadAsText() {
    assertThat(read("{\"priorityCode\":30}").priorityCode()).isEqualTo("30");
  }

  @Test
  void priorityCodeSentAsTextStaysText() {
    assertThat(read("{\"priorityCode\":\"30\"}").priorityCode()).isEqualTo("30");
  }

  @Test
  void anEmptyObjectGivesNullFieldsAndEmptyCollections() {
    Feature f = read("{}");

    assertThat(f.uuid()).isNull();
    assertThat(f.createdAt()).isNull();
    assertThat(f.tags()).isEmpty();
    assertThat(f.other()).isEmpty();
  }

  @Test
  void unknownFieldsAndExpandedNavigationPropertiesLandInOther() {
    Feature f = read("{\"uuid\":\"f\",\"toStatus\":{\"code\":\"A\",\"name\":\"Alpha\"},\"newFlag\":true}");

    assertThat(f.uuid()).isEqualTo("f");
    assertThat(f.other()).containsEntry("newFlag", true);
    assertThat(f.other("toStatus")).contains(Map.of("code", "A", "name", "Alpha"));
  }

  @Test
  void tagsSentAsObjectsOrNumbersAreReadAsText() {
    Feature f = read("{\"tags\":[\"plain\",{\"name\":\"named\"},{\"tag\":\"tagged\"},{\"x\":1},7]}");

    assertThat(f.tags()).containsExactly("plain", "named", "tagged", "{\"x\":1}", "7");
  }

  @Test
  void timestampsWithAnOffsetAreReadAsInstants() {
    Feature f = read("{\"createdAt\":\"2026-03-01T12:00:00+02:00\",\"modifiedAt\":\"2026-03-01T10:00:00.5Z\"}");

    assertThat(f.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(f.modifiedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.500Z"));
  }

  @Test
  void otherIsReadOnly() {
    Feature f = read("{\"x\":1}");

    assertThatThrownBy(() -> f.other().put("y", 2))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
