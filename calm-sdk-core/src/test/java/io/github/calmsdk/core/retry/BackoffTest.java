package io.github.calmsdk.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff fullJitter = Backoff.fullJitter(Duration.ofMillis(200), Duration.ofSeconds(20));

  @Test
  void fullJitterStaysBetweenZeroAndTheExponentialCeiling() {
    SplittableRandom random = new SplittableRandom(1);
    for (int retry = 1; retry <= 10; retry++) {
      long ceiling = Math.min(20_000, 200L << (retry - 1));
      for (int i = 0; i < 2000; i++) {
        long ms = fullJitter.delay(retry, random).toMillis();
        assertThat(ms).isBetween(0L, ceiling);
      }
    }
  }

  @Test
  void fullJitterSpreadsDelaysOverTheWholeRange() {
    SplittableRandom random = new SplittableRandom(2);
    long below = 0;
    long above = 0;
    for (int i = 0; i < 4000; i++) {
      long ms = fullJitter.delay(3, random).toMillis(); // ceiling 800 ms
      if (ms < 200) {
        below++;
      }
      if (ms > 600) {
        above++;
      }
    }
    assertThat(below).isBetween(700L, 1300L);
    assertThat(above).isBetween(700L, 1300L);
  }

  @Test
  void theCeilingNeverExceedsTheCapEvenForHugeRetryNumbers() {
    Backoff b = Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(20));
    assertThat(b.delay(1, null)).isEqualTo(Duration.ofMillis(200));
    assertThat(b.delay(4, null)).isEqualTo(Duration.ofMillis(1600));
    assertThat(b.delay(1000, null)).isEqualTo(Duration.ofSeconds(20));
  }
}
