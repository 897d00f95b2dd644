package io.github.calmsdk.features;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.calmsdk.features.Wire.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.HttpStage;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 404 to a DELETE means "deleted" only when an earlier attempt of the same call may have been processed (its answer
 * was lost); after an answer that proves the server did not act, it means "not found" ({@code false}).
 */
class DeleteOutcomeTest {
  private static final String URL = ROOT + "/Features/f-1";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();

  /** An authorization stage that resends once after a 401, as the bearer stage does with a new token. */
  private static final HttpStage RESEND_AFTER_401 =
      (request, context, next) -> {
        CalmResponse r = next.proceed(request);
        return r.status() == 401 ? next.proceed(request) : r;
      };

  private FeaturesClient client(ClientContext.Builder context) {
    return FeaturesClient.create(
        context.sleeper(clock.sleeper()).clock(clock).build(), URI.create(wm.baseUrl() + "/api"));
  }

  private FeaturesClient client() {
    return client(ClientContext.builder());
  }

  private void firstThen404(ResponseDefinitionBuilder first) {
    wm.stubFor(
        delete(urlEqualTo(URL))
            .inScenario("delete")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(first)
            .willSetStateTo("gone"));
    wm.stubFor(delete(urlEqualTo(URL)).inScenario("delete").whenScenarioStateIs("gone").willReturn(notFound()));
  }

  @Test
  void a404AfterA401ResendIsNotFound() {
    firstThen404(aResponse().withStatus(401));

    assertThat(client(ClientContext.builder().authorization(RESEND_AFTER_401)).delete("f-1")).isFalse();
    wm.verify(2, deleteRequestedFor(urlEqualTo(URL)));
  }

  @Test
  void a404AfterA429IsNotFound() {
    firstThen404(aResponse().withStatus(429).withHeader("Retry-After", "2"));

    assertThat(client().delete("f-1")).isFalse();
    wm.verify(2, deleteRequestedFor(urlEqualTo(URL)));
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void a404AfterAThrottling503IsNotFound() {
    firstThen404(aResponse().withStatus(503).withHeader("Retry-After", "1"));

    assertThat(client().delete("f-1")).isFalse();
    wm.verify(2, deleteRequestedFor(urlEqualTo(URL)));
  }

  @Test
  void a404AfterA500CountsAsDeletedBecauseTheFirstAttemptMayHaveDeletedIt() {
    firstThen404(aResponse().withStatus(500));

    assertThat(client().delete("f-1")).isTrue();
    wm.verify(2, deleteRequestedFor(urlEqualTo(URL)));
  }

  @Test
  void a404AfterATimedOutAttemptCountsAsDeleted() {
    firstThen404(aResponse().withStatus(204).withFixedDelay(2000));

    FeaturesClient c = client(ClientContext.builder().attemptTimeout(Duration.ofMillis(300)));

    assertThat(c.delete("f-1")).isTrue();
    wm.verify(2, deleteRequestedFor(urlEqualTo(URL)));
  }

  @Test
  void a404AfterAConnectionLostAfterSendingCountsAsDeleted() {
    firstThen404(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertThat(client().delete("f-1")).isTrue();
    wm.verify(2, deleteRequestedFor(urlEqualTo(URL)));
  }

  @Test
  void a404ToTheOnlyAttemptIsNotFound() {
    wm.stubFor(delete(urlEqualTo(URL)).willReturn(notFound()));

    assertThat(client().delete("f-1")).isFalse();
    wm.verify(1, deleteRequestedFor(urlEqualTo(URL)));
  }
}
