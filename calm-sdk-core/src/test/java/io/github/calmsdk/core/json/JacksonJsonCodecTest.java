package io.github.calmsdk.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JacksonJsonCodecTest {
  record Node(long id, String name, Instant createdAt) {}

  private final JsonCodec codec = JacksonJsonCodec.create();

  @Test
  void ignoresUnknownPropertiesSoNewServerFieldsDoNotBreakClients() {
    Node n = codec.decode("{\"id\":1,\"name\":\"DEV\",\"brandNew\":{\"x\":1}}".getBytes(StandardCharsets.UTF_8), Node.class);
    assertThat(n.name()).isEqualTo("DEV");
  }

  @Test
  void writesAndReadsJavaTimeAsIsoStrings() {
    Node n = new Node(2, "QAS", Instant.parse("2026-11-21T10:15:30.123Z"));
    String json = new String(codec.encode(n), StandardCharsets.UTF_8);
    assertThat(json).contains("\"createdAt\":\"2026-11-21T10:15:30.123Z\"");
    assertThat(codec.decode(json.getBytes(StandardCharsets.UTF_8), Node.class)).isEqualTo(n);
  }

  @Test
  void leavesNullFieldsOut() {
    assertThat(new String(codec.encode(new Node(3, null, null)), StandardCharsets.UTF_8)).isEqualTo("{\"id\":3}");
  }

  @Test
  void refusesPathologicallyDeepJson() {
    byte[] deep = ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> codec.decode(deep, Object.class)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nesting");
  }

  @Test
  void reportsEmptyAndNullBodiesClearly() {
    assertThatThrownBy(() -> codec.decode(new byte[0], Map.class)).hasMessageContaining("empty");
    assertThatThrownBy(() -> codec.decode("null".getBytes(StandardCharsets.UTF_8), Map.class)).hasMessageContaining("JSON null");
  }

  @Test
  void usesTheCallersOwnMapperAsGiven() {
    ObjectMapper mine = new ObjectMapper();
    assertThat(JacksonJsonCodec.of(mine).mapper()).isSameAs(mine);
  }

  @Test
  void keepNullsWritesAnExplicitNullForAMapEntryInTheMapsOrder() {
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("title", "New");
    patch.put("releaseId", null);
    patch.put("priority", 30);

    assertThat(new String(codec.encode(patch, true), StandardCharsets.UTF_8))
        .isEqualTo("{\"title\":\"New\",\"releaseId\":null,\"priority\":30}");
  }

  @Test
  void keepNullsWritesTheNullFieldsOfARecord() {
    assertThat(new String(codec.encode(new Node(3, null, null), true), StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":3,\"name\":null,\"createdAt\":null}");
  }

  @Test
  void keepingNullsOnceDoesNotChangeTheDefaultEncoding() {
    codec.encode(new Node(3, null, null), true);

    assertThat(new String(codec.encode(new Node(3, null, null)), StandardCharsets.UTF_8)).isEqualTo("{\"id\":3}");
    assertThat(new String(codec.encode(new Node(3, null, null), false), StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":3}");
  }
}
