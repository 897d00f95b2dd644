package io.github.calmsdk.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private final Instant now = Instant.parse("2026-11-21T10:00:00Z");

  @Test
  void readsDelaySeconds() {
    assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", now)).contains(Duration.ZERO);
  }

  @Test
  void readsAnHttpDateRelativeToTheClock() {
    assertThat(RetryAfter.parse("Sat, 21 Nov 2026 10:00:30 GMT", now)).contains(Duration.ofSeconds(30));
  }

  @Test
  void anHttpDateInThePastMeansNoWait() {
    assertThat(RetryAfter.parse("Sat, 21 Nov 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
  }

  @Test
  void ignoresAbsentOrUnreadableValues() {
    assertThat(RetryAfter.parse(null, now)).isEmpty();
    assertThat(RetryAfter.parse("", now)).isEmpty();
    assertThat(RetryAfter.parse("soon", now)).isEmpty();
    assertThat(RetryAfter.parse("-5", now)).isEmpty();
  }

  @Test
  void capsAbsurdlyLargeValuesAtOneDay() {
    assertThat(RetryAfter.parse("99999999999999", now)).contains(Duration.ofDays(1));
  }
}
