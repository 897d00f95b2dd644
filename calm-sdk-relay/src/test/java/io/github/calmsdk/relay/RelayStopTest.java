package io.github.calmsdk.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayStopTest {
  @TempDir Path dir;
  Fixture fx;

  @BeforeEach
  void start() {
    fx = new Fixture(dir);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void aStopThatComesBeforeRunMakesRunReturnAtOnceInsteadOfWaitingAnInterval() {
    // a host (Spring's SmartLifecycle, a SIGTERM hook) may stop the relay before its thread has entered run()
    try (RelayStore store = fx.sqlite();
        Relay relay = fx.relay(store, fx.options().interval(Duration.ofHours(1)).build())) {
      relay.submit(fx.export("Not sent"));
      relay.stop();

      assertTimeoutPreemptively(Duration.ofSeconds(20), relay::run);

      assertThat(fx.fake.requests()).isEmpty();
      assertThat(relay.stats().pending()).isEqualTo(1);
    }
  }
}
