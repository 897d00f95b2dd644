package io.github.calmsdk.core.retry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.http.CallOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad retry and call settings fail as every other setting does: a CalmValidationException naming the field. */
class RetrySettingsValidationTest {
  @Test
  void aNegativeMaxRetriesNamesTheField() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(-1).build())
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("maxRetries")
        .hasMessageContaining("-1");
  }

  @Test
  void aNegativeBackoffNamesWhichDuration() {
    assertThatThrownBy(() -> Backoff.fullJitter(Duration.ofMillis(-1), Duration.ofSeconds(1)))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("backoff base");
    assertThatThrownBy(() -> Backoff.fullJitter(Duration.ofMillis(1), Duration.ofSeconds(-1)))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("backoff cap");
  }

  @Test
  void aNegativeRetryBudgetNumberNamesIt() {
    assertThatThrownBy(() -> RetryBudget.of(10, -1, 5))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("retryCost");
  }

  @Test
  void aZeroCallTimeoutNamesTheOption() {
    assertThatThrownBy(() -> CallOptions.builder().timeout(Duration.ZERO).build())
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("timeout");
  }
}
