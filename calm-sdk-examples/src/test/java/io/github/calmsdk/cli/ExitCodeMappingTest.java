package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmApiException;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmInvalidRequestException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.error.CalmRateLimitException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.error.CalmUnavailableException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.error.ErrorDetails;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exception-to-exit-code table of the README, row by row. */
class ExitCodeMappingTest {
  private static final ErrorDetails NONE = ErrorDetails.none();

  private static ErrorDetails status(int s) {
    return new ErrorDetails(s, null, null, List.of(), null, "GET", "https://x/api", 1, null);
  }

  @Test
  void everyExceptionOfTheReadmeTableMapsToItsExitCode() {
    assertThat(ExitCode.of(new CalmValidationException("f", "bad")).code).isEqualTo(2);
    assertThat(ExitCode.of(new UsageException("bad")).code).isEqualTo(2);
    assertThat(ExitCode.of(new CalmAuthException("no", status(401), null)).code).isEqualTo(3);
    assertThat(ExitCode.of(new CalmAuthException("no", status(403), null)).code).isEqualTo(3);
    assertThat(ExitCode.of(new CalmNotFoundException("no", status(404), null)).code).isEqualTo(4);
    assertThat(ExitCode.of(new CalmInvalidRequestException("no", status(409), null)).code).isEqualTo(4);
    assertThat(ExitCode.of(new CalmApiException("no", status(418), null)).code).isEqualTo(4);
    assertThat(ExitCode.of(new CalmRateLimitException("slow", status(429), Duration.ofSeconds(1), null)).code)
        .isEqualTo(5);
    assertThat(ExitCode.of(new CalmUnavailableException("down", status(503), null)).code).isEqualTo(5);
    assertThat(ExitCode.of(new CalmTimeoutException("slow", NONE, null)).code).isEqualTo(5);
    assertThat(ExitCode.of(new CalmTransportException("reset", NONE, true, null)).code).isEqualTo(5);
    assertThat(ExitCode.of(new CalmAmbiguousOutcomeException("lost", NONE, null)).code).isEqualTo(5);
    assertThat(ExitCode.of(new CalmDecodingException("garbled", status(200), null)).code).isEqualTo(5);
  }

  @Test
  void aNotFoundRaisedByTheClientWithoutAStatusIsStillARejection() {
    assertThat(ExitCode.of(new CalmNotFoundException("no node named 'X'", NONE, null)).code).isEqualTo(4);
  }

  @Test
  void anUnexpectedFailureIsNotMistakenForBadUsage() {
    assertThat(ExitCode.of(new IllegalStateException("bug")).code).isEqualTo(5);
  }
}
