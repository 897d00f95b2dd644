package io.github.calmsdk.auth.internal;

import io.github.calmsdk.core.http.HttpStage;
import io.github.calmsdk.core.ClientContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.auth.AccessToken;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BearerStageDeadlineTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  @Test
  void aNewTokenIsNotFetchedAfterA401OnceTheCallsDeadlineHasPassed() {
    FakeClock clock = new FakeClock();
    AtomicInteger fetches = new AtomicInteger();
    TokenSource source =
        timeLeft -> {
          int n = fetches.incrementAndGet();
          long now = clock.millis();
          return new IssuedToken(
              new AccessToken("token-" + n, "Bearer", Instant.ofEpochMilli(now + 3_600_000), Set.of()),
              now,
              now + 3_600_000);
        };
    TokenSlot slot =
        new TokenSlot(
            "deadline", new TokenPolicy(Duration.ofMinutes(5), 0.5, Duration.ofSeconds(30), Duration.ofSeconds(10), null),
            TokenSlotTest.NO_JITTER);
    wm.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(401)));
    HttpPipeline pipeline =
        ClientContext.builder()
            .clock(clock)
            .sleeper(clock.sleeper())
            .callTimeout(Duration.ofSeconds(10))
            .authorization(new BearerStage(slot, clock, source))
            // the first attempt's 401 comes back after the whole deadline has gone
            .addStage((request, context, next) -> {
              var response = next.proceed(request);
              clock.advance(Duration.ofSeconds(11));
              return response;
            }, HttpStage.Position.PER_CALL)
            .build().pipeline();

    assertThatThrownBy(() -> pipeline.send(CalmRequest.get(URI.create(wm.baseUrl() + "/r")).build()))
        .isInstanceOf(CalmTimeoutException.class)
        .hasMessageContaining("deadline passed before an access token was fetched");
    assertThat(fetches.get()).isEqualTo(1);
    wm.verify(1, getRequestedFor(urlEqualTo("/r")));
  }
}
