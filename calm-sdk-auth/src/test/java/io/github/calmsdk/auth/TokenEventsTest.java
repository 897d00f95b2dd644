package io.github.calmsdk.auth;

import io.github.calmsdk.auth.testing.Keys;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.event.TokenEvent;
import io.github.calmsdk.core.event.TokenEvent.Kind;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Token calls reported through the listener SPI: kind, host, client id, duration on the context's clock. */
class TokenEventsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();
  private final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  private final CalmListener recorder =
      new CalmListener() {
        @Override
        public void token(TokenEvent event) {
          events.add(event);
        }
      };

  private ClientContext.Builder context() {
    return ClientContext.builder().clock(clock).sleeper(clock.sleeper()).addListener(recorder);
  }

  private CalmCredentials creds() {
    ServiceKey key = ServiceKey.fromJson(Keys.secretKey(wm.baseUrl()).toString());
    return CalmCredentials.builder(key).context(context().build()).build();
  }

  private static void tokens(String... values) {
    for (int i = 0; i < values.length; i++) {
      wm.stubFor(
          post("/oauth/token")
              .inScenario("tokens")
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "issued-" + i)
              .willReturn(okJson(Keys.tokenResponse(values[i], 3600, null)))
              .willSetStateTo("issued-" + (i + 1)));
    }
  }

  @Test
  void firstTokenIsFetchedAndEveryLaterOneRefreshed() {
    tokens("tok-1", "tok-2", "tok-3", "tok-4");
    CalmCredentials creds = creds();

    creds.token(); // first
    clock.advance(Duration.ofMinutes(58)); // stale: refreshed before expiry
    creds.token();
    clock.advance(Duration.ofHours(2)); // expired
    creds.token();
    creds.invalidate();
    creds.token();

    assertThat(events).extracting(TokenEvent::kind)
        .containsExactly(Kind.FETCHED, Kind.REFRESHED, Kind.REFRESHED, Kind.REFRESHED);
    assertThat(events).allSatisfy(e -> {
      assertThat(e.tokenHost()).isEqualTo(URI.create(wm.baseUrl()).getHost());
      assertThat(e.clientId()).isEqualTo(Keys.CLIENT_ID);
      assertThat(e.failure()).isNull();
    });
  }

  @Test
  void tokenFetchedAgainAfterA401IsARefresh() {
    tokens("tok-1", "tok-2");
    wm.stubFor(
        get("/api/nodes").inScenario("api").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(401)).willSetStateTo("ok"));
    wm.stubFor(get("/api/nodes").inScenario("api").whenScenarioStateIs("ok").willReturn(okJson("{}")));
    CalmCredentials creds = creds();
    ClientContext api = context().authorization(creds.bearerStage()).build();

    api.pipeline().send(CalmRequest.get(URI.create(wm.baseUrl() + "/api/nodes")).build());

    assertThat(events).extracting(TokenEvent::kind).containsExactly(Kind.FETCHED, Kind.REFRESHED);
  }

  @Test
  void durationIsMeasuredOnTheContextsClockRetriesIncluded() {
    wm.stubFor(
        post("/oauth/token").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2")).willSetStateTo("up"));
    wm.stubFor(
        post("/oauth/token").inScenario("flaky").whenScenarioStateIs("up")
            .willReturn(okJson(Keys.tokenResponse("tok-1", 3600, null))));

    creds().token();

    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Kind.FETCHED);
      assertThat(e.duration()).isEqualTo(Duration.ofSeconds(2));
    });
  }

  @Test
  void failedTokenCallIsReportedWithItsFailureButNeverTheSecret() {
    wm.stubFor(
        post("/oauth/token")
            .willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"bad secret " + Keys.SECRET + "\"}")));

    CalmAuthException thrown = catchThrowableOfType(CalmAuthException.class, () -> creds().token());

    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Kind.FAILED);
      assertThat(e.failure()).isSameAs(thrown);
      assertThat(e.toString()).doesNotContain(Keys.SECRET);
      assertThat(e.failure().getMessage()).doesNotContain(Keys.SECRET);
      assertThat(((CalmAuthException) e.failure()).details().bodyExcerpt()).doesNotContain(Keys.SECRET);
    });
  }

  @Test
  void eventsNeverHoldTheToken() {
    String token = Keys.jwt(List.of("scope-a"), 0);
    wm.stubFor(post("/oauth/token").willReturn(okJson(Keys.tokenResponse(token, 3600, null))));

    creds().token();

    assertThat(events).singleElement().satisfies(e -> assertThat(e.toString()).doesNotContain(token));
  }
}
