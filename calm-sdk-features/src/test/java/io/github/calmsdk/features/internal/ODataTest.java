package io.github.calmsdk.features.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ODataTest {

  @Test
  void literalDoublesEveryQuoteSoTheValueCannotEndTheLiteral() {
    assertThat(OData.literal("O'Brien' or 1 eq 1 and title eq '"))
        .isEqualTo("'O''Brien'' or 1 eq 1 and title eq '''");
  }

  @Test
  void literalOfAnInstantIsUtcIso() {
    assertThat(OData.literal(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05Z");
  }

  @Test
  void encodeTurnsSpaceIntoPercent20NeverPlus() {
    assertThat(OData.encode("a b")).isEqualTo("a%20b");
  }

  @Test
  void encodeEscapesEveryReservedCharacter() {
    assertThat(OData.encode("+&#='/?%,()$:@;!*[]"))
        .isEqualTo("%2B%26%23%3D%27%2F%3F%25%2C%28%29%24%3A%40%3B%21%2A%5B%5D");
  }

  @Test
  void encodeKeepsUnreservedCharacters() {
    assertThat(OData.encode("AZaz09-._~")).isEqualTo("AZaz09-._~");
  }

  @Test
  void encodeWritesNonAsciiAsUtf8Bytes() {
    assertThat(OData.encode("Müller €")).isEqualTo("M%C3%BCller%20%E2%82%AC");
  }
}
