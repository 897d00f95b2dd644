package io.github.calmsdk.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as success: SAP's TMS status docs say Skipped is equivalent to Succeeded. */
class ImportOutcomeSuccessTest {
  private static ImportOutcome outcome(String action, String... trs) {
    List<TransportOutcome> list = new java.util.ArrayList<>();
    for (int i = 0; i < trs.length; i++) {
      list.add(new TransportOutcome(TransportRequestId.of(100 + i), TransportStatus.of(trs[i]), List.of()));
    }
    return new ImportOutcome(ActionId.of(171), TransportStatus.of(action), "I", null, null, null, null, "QAS", list);
  }

  @ParameterizedTest
  @ValueSource(strings = {"succeeded", "warning", "skipped", "Skipped", "SUCCEEDED"})
  void succeededWarningAndSkippedAreSuccess(String status) {
    assertThat(TransportStatus.of(status).isSuccess()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"error", "fatal", "running", "initial", "repeat", "deleted", "unknown", "brandNewStatus"})
  void everythingElseIsNotSuccess(String status) {
    assertThat(TransportStatus.of(status).isSuccess()).isFalse();
  }

  @Test
  void anImportWhoseTransportRequestsEndSkippedIsSuccessful() {
    assertThat(outcome("succeeded", "skipped", "succeeded").isSuccessful()).isTrue();
    assertThat(outcome("succeeded", "skipped").isSuccessful()).isTrue();
    assertThat(outcome("skipped", "skipped").isSuccessful()).isTrue();
  }

  @Test
  void anErrorOrFatalOrAnUnfinishedActionIsStillNotSuccessful() {
    assertThat(outcome("error", "skipped", "error").isSuccessful()).isFalse();
    assertThat(outcome("succeeded", "skipped", "fatal").isSuccessful()).isFalse();
    assertThat(outcome("running", "skipped").isSuccessful()).isFalse();
  }
}
