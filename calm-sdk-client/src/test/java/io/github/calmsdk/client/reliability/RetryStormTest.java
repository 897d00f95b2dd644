package io.github.calmsdk.client.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.core.error.CalmUnavailableException;
import io.github.calmsdk.core.retry.RetryBudget;
import io.github.calmsdk.core.testing.CapturedLogs;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.testkit.FakeCalm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared retry budget keeps an outage from multiplying the load: with every call failing, the standard budget
 * (500 tokens, 5 per retry) allows exactly 100 retries across all threads of a client, where the retry policy alone
 * (3 retries per call) would allow three per call.
 */
@ExtendWith(SecretLedger.class)
class RetryStormTest {
  private static final String NODES = ".+/v2/nodes";
  private static final int THREADS = 8;
  private static final int CALLS_PER_THREAD = 10;
  private static final int CALLS = THREADS * CALLS_PER_THREAD;

  private FakeCalm fake;
  private final InstantSleeper waits = new InstantSleeper();

  @BeforeEach
  void start() {
    fake = FakeCalm.start();
    SecretLedger.addClientSecret(fake.clientId(), fake.clientSecret());
    fake.faults().on("GET", NODES).status(503).always();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private CalmClient client(RetryBudget budget) {
    CalmClient.Builder b = CalmClient.builder().serviceKey(ServiceKey.fromJson(fake.serviceKeyJson())).sleeper(waits);
    if (budget != null) {
      b.retryBudget(budget);
    }
    return b.build();
  }

  /** Every thread calls the failing endpoint; returns how many calls failed as unavailable. */
  private int storm(DeploymentClient deployment) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(
            pool.submit(
                () -> {
                  int failed = 0;
                  for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    assertThatThrownBy(deployment::nodes).isInstanceOf(CalmUnavailableException.class);
                    failed++;
                  }
                  return failed;
                }));
      }
      int failed = 0;
      for (Future<Integer> f : results) {
        failed += f.get(60, TimeUnit.SECONDS);
      }
      return failed;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theStandardBudgetStopsARetryStormAfterOneHundredRetriesAcrossAllThreads() throws Exception {
    try (CalmClient calm = client(null)) {
      assertThat(storm(calm.deployment())).isEqualTo(CALLS);
    }

    assertThat(waits.count()).as("retries (each waits first)").isEqualTo(100);
    assertThat(fake.requestCount("GET", NODES)).as("requests that reached the server").isEqualTo(CALLS + 100);
    String port = ":" + fake.baseUri().getPort() + "/";
    assertThat(
            CapturedLogs.lines().stream()
                .filter(l -> l.contains(port) && l.contains("retry budget is used up"))
                .count())
        .as("calls told that the budget stopped their retries")
        .isPositive();
  }

  @Test
  void withoutABudgetTheSameOutageBringsFourRequestsPerCall() throws Exception {
    try (CalmClient calm = client(RetryBudget.unlimited())) {
      assertThat(storm(calm.deployment())).isEqualTo(CALLS);
    }

    assertThat(waits.count()).isEqualTo(CALLS * 3);
    assertThat(fake.requestCount("GET", NODES)).isEqualTo(CALLS * 4);
  }
}
