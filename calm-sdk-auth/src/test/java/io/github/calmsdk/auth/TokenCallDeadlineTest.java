package io.github.calmsdk.auth;

import io.github.calmsdk.auth.testing.Keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.CallContext;
import io.github.calmsdk.core.http.HttpTransport;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A token call made for an API call ends with that call's deadline; on a fake clock, nothing waits for real. */
class TokenCallDeadlineTest {
  private final FakeClock clock = new FakeClock();
  private final List<Duration> tokenCallTimeLeft = new CopyOnWriteArrayList<>();

  /** A token endpoint that never answers: each attempt lasts its whole limit, as the JDK transport's would. */
  private final HttpTransport hangingTokenEndpoint =
      (CalmRequest request, CallContext context) -> {
        if (request.uri().getPath().endsWith("/oauth/token")) {
          tokenCallTimeLeft.add(context.remaining());
          Duration limit = context.nextAttemptTimeout();
          clock.advance(limit);
          throw new CalmTimeoutException(
              "no complete answer within " + limit.toMillis() + " ms", ErrorDetails.none(), null);
        }
        return new CalmResponse(
            request,
            200,
            HttpHeaders.of(Map.of(), (a, b) -> true),
            "{}".getBytes(),
            false,
            context.attempt(),
            context.requestId(),
            clock.instant());
      };

  private ClientContext.Builder context() {
    return ClientContext.builder().clock(clock).sleeper(clock.sleeper()).transport(hangingTokenEndpoint);
  }

  private static ServiceKey key() {
    return ServiceKey.fromJson(Keys.secretKey("https://acme.authentication.eu10.hana.ondemand.com").toString());
  }

  @Test
  void callWithFiveSecondsLeftNeverWaitsThirtySecondsForAToken() {
    CalmCredentials creds = CalmCredentials.builder(key()).context(context().build()).build();
    ClientContext api = context().callTimeout(Duration.ofSeconds(5)).authorization(creds.bearerStage()).build();
    Instant start = clock.instant();

    CalmTimeoutException e =
        catchThrowableOfType(
            CalmTimeoutException.class,
            () -> api.pipeline().send(CalmRequest.get(URI.create(Keys.API + "/v1/features")).build()));

    assertThat(Duration.between(start, clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(tokenCallTimeLeft).isNotEmpty().allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(5)));
    assertThat(e.getMessage()).contains("deadline passed while getting an access token");
  }

  @Test
  void tokenCallTimeoutShorterThanTheCallsDeadlineStillBoundsTheTokenCall() {
    CalmCredentials creds =
        CalmCredentials.builder(key()).context(context().build()).tokenCallTimeout(Duration.ofSeconds(2)).build();
    ClientContext api = context().callTimeout(Duration.ofMinutes(1)).authorization(creds.bearerStage()).build();
    Instant start = clock.instant();

    CalmAuthException e =
        catchThrowableOfType(
            CalmAuthException.class,
            () -> api.pipeline().send(CalmRequest.get(URI.create(Keys.API + "/v1/features")).build()));

    assertThat(Duration.between(start, clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(tokenCallTimeLeft).isNotEmpty().allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(2)));
    assertThat(e.getCause()).isInstanceOf(CalmTimeoutException.class);
  }

  @Test
  void tokenAskedForOutsideACallIsBoundedByTheTokenCallTimeout() {
    CalmCredentials creds =
        CalmCredentials.builder(key()).context(context().build()).tokenCallTimeout(Duration.ofSeconds(12)).build();
    Instant start = clock.instant();

    CalmAuthException e = catchThrowableOfType(CalmAuthException.class, creds::token);

    assertThat(Duration.between(start, clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(12));
    assertThat(tokenCallTimeLeft.get(0)).isEqualTo(Duration.ofSeconds(12));
    assertThat(e.getMessage()).contains("could not get an access token");
  }
}
