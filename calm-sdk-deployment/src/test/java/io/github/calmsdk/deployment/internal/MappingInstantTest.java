package io.github.calmsdk.deployment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link Mapping#instant(String)}: every timestamp form the TMS answers use, the spec's own first. */
class MappingInstantTest {
  @Test
  void theSpecsExampleWithFourFractionDigitsAndAnOffsetWithoutAColonIsRead() {
    // TMS_v2 spec 2.2.1, action startedAt/endedAt and log createdAt examples
    assertThat(Mapping.instant("2019-05-07T06:40:48.0725+0000")).isEqualTo(Instant.parse("2019-05-07T06:40:48.0725Z"));
  }

  @Test
  void anOffsetWithoutAColonIsAppliedAndOneToNineFractionDigitsAreKept() {
    assertThat(Mapping.instant("2019-05-07T08:40:48.1+0200")).isEqualTo(Instant.parse("2019-05-07T06:40:48.100Z"));
    assertThat(Mapping.instant("2019-05-07T05:10:48.123456789-0130"))
        .isEqualTo(Instant.parse("2019-05-07T06:40:48.123456789Z"));
    assertThat(Mapping.instant("2019-05-07T06:40:48+0000")).isEqualTo(Instant.parse("2019-05-07T06:40:48Z"));
    assertThat(Mapping.instant("2019-05-07T07:40:48.5+01")).isEqualTo(Instant.parse("2019-05-07T06:40:48.500Z"));
  }

  @Test
  void theFormsReadBeforeAreStillRead() {
    assertThat(Mapping.instant("2026-11-21T10:15:30.123Z")).isEqualTo(Instant.parse("2026-11-21T10:15:30.123Z"));
    assertThat(Mapping.instant("2026-11-21T11:15:30.123+01:00")).isEqualTo(Instant.parse("2026-11-21T10:15:30.123Z"));
    assertThat(Mapping.instant("2026-11-21T10:15:30")).isEqualTo(Instant.parse("2026-11-21T10:15:30Z"));
    assertThat(Mapping.instant("1557211248072")).isEqualTo(Instant.parse("2019-05-07T06:40:48.072Z"));
  }

  @Test
  void absentOrUnreadableTextIsNull() {
    assertThat(Mapping.instant(null)).isNull();
    assertThat(Mapping.instant(" ")).isNull();
    assertThat(Mapping.instant("2019-05-07T06:40:48.0725+00000")).isNull();
    assertThat(Mapping.instant("yesterday")).isNull();
  }
}
