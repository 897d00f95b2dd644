package io.github.calmsdk.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmRateLimitException;
import io.github.calmsdk.core.error.CalmUnavailableException;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.HttpStage;
import io.github.calmsdk.core.http.HttpTransport;
import io.github.calmsdk.core.retry.Backoff;
import io.github.calmsdk.core.retry.RetryPolicy;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The listener SPI, the stage positions and the pluggable transport, on a scripted transport and a fake clock. */
class ListenerAndPositionsTest {
  private static final URI URL = URI.create("https://calm.example/api/v2/nodes?top=5");

  private final FakeClock clock = new FakeClock();
  private final List<Object> events = new CopyOnWriteArrayList<>();

  /** Answers each attempt with the next scripted status; a Retry-After header where the script gives one. */
  private static final class Script implements HttpTransport {
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private final Map<String, List<String>> headers;
    final List<CalmRequest> sent = new ArrayList<>();

    Script(Map<String, List<String>> headers, Integer... statuses) {
      this.headers = headers;
      this.statuses.addAll(List.of(statuses));
    }

    @Override
    public CalmResponse send(CalmRequest request, io.github.calmsdk.core.http.CallContext context) {
      sent.add(request);
      int status = statuses.size() > 1 ? statuses.poll() : statuses.peek();
      return new CalmResponse(
          request,
          status,
          HttpHeaders.of(headers, (a, b) -> true),
          "{}".getBytes(),
          false,
          context.attempt(),
          context.requestId(),
          context.clock().instant());
    }
  }

  private final CalmListener recorder =
      new CalmListener() {
        @Override
        public void callStarted(CallStarted e) {
          events.add(e);
        }

        @Override
        public void callEnded(CallEnded e) {
          events.add(e);
        }

        @Override
        public void attemptEnded(AttemptEnded e) {
          events.add(e);
        }

        @Override
        public void retryScheduled(RetryScheduled e) {
          events.add(e);
        }
      };

  private ClientContext.Builder context(HttpTransport transport) {
    return ClientContext.builder()
        .clock(clock)
        .sleeper(clock.sleeper())
        .transport(transport)
        .retryPolicy(RetryPolicy.builder().maxRetries(3).backoff(Backoff.fixed(Duration.ofMillis(100))).build());
  }

  private static CalmRequest get() {
    return CalmRequest.get(URL).operation("transport.list").urlTemplate("/v2/nodes").build();
  }

  @Test
  void reportsTheCallEachAttemptAndEachRetryInOrder() {
    HttpPipeline p = context(new Script(Map.of(), 503, 503, 200)).addListener(recorder).build().pipeline();

    p.send(get());

    assertThat(events).extracting(e -> e.getClass().getSimpleName())
        .containsExactly(
            "CallStarted", "AttemptEnded", "RetryScheduled", "AttemptEnded", "RetryScheduled", "AttemptEnded",
            "CallEnded");
    CallEnded end = (CallEnded) events.get(events.size() - 1);
    assertThat(end.outcome()).isEqualTo(CallEnded.Outcome.SUCCESS);
    assertThat(end.status()).isEqualTo(200);
    assertThat(end.attempts()).isEqualTo(3);
    assertThat(end.duration()).isEqualTo(Duration.ofMillis(200));
    assertThat(end.call().operation()).isEqualTo("transport.list");
    assertThat(end.call().urlTemplate()).isEqualTo("/v2/nodes");
    assertThat(end.call().serverAddress()).isEqualTo("calm.example");
    assertThat(end.call().url()).doesNotContain("top=5");
    assertThat(events).filteredOn(AttemptEnded.class::isInstance).extracting(e -> ((AttemptEnded) e).status())
        .containsExactly(503, 503, 200);
    RetryScheduled retry = (RetryScheduled) events.get(2);
    assertThat(retry.delay()).isEqualTo(Duration.ofMillis(100));
    assertThat(retry.reason()).contains("503");
  }

  @Test
  void aListenerThatThrowsNeverBreaksTheCallNorSilencesTheOthers() {
    HttpPipeline p =
        context(new Script(Map.of(), 503, 200)).addListener(throwingEverywhere()).addListener(recorder).build()
            .pipeline();

    CalmResponse r = p.send(get());

    assertThat(r.status()).isEqualTo(200);
    assertThat(events).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("CallStarted", "AttemptEnded", "RetryScheduled", "AttemptEnded", "CallEnded");
  }

  @Test
  void aListenerThatThrowsFromATokenOrAmbiguousEventStillLetsTheOthersHearIt() {
    List<Object> heard = new CopyOnWriteArrayList<>();
    CalmListener hearing =
        new CalmListener() {
          @Override
          public void token(TokenEvent e) {
            heard.add(e);
          }

          @Override
          public void ambiguousOutcome(AmbiguousOutcome e) {
            heard.add(e);
          }
        };
    CalmListener both = CalmListener.of(List.of(throwingEverywhere(), hearing));

    both.token(new TokenEvent(TokenEvent.Kind.FETCHED, "auth.example", "client", Duration.ZERO, null));
    both.ambiguousOutcome(
        new AmbiguousOutcome("transport.export", "r-1", AmbiguousOutcome.Resolution.APPLIED, List.of("GET /v2/nodes")));

    assertThat(heard).hasSize(2);
  }

  @Test
  void aStageThatThrowsSomethingElseStillEndsTheCallForTheListeners() {
    HttpPipeline p =
        context(new Script(Map.of(), 200))
            .addStage((request, ctx, next) -> {
              throw new IllegalStateException("stage bug");
            }, HttpStage.Position.PER_CALL)
            .addListener(recorder)
            .build()
            .pipeline();

    assertThatThrownBy(() -> p.send(get())).isInstanceOf(IllegalStateException.class).hasMessage("stage bug");

    CallEnded end = (CallEnded) events.get(events.size() - 1);
    assertThat(end.outcome()).isEqualTo(CallEnded.Outcome.FAILURE);
    assertThat(end.status()).isZero();
    assertThat(end.failure()).isInstanceOf(IllegalStateException.class);
  }

  private static CalmListener throwingEverywhere() {
    return new CalmListener() {
      @Override
      public void callStarted(CallStarted e) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void callEnded(CallEnded e) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void attemptEnded(AttemptEnded e) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void retryScheduled(RetryScheduled e) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void token(TokenEvent e) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void ambiguousOutcome(AmbiguousOutcome e) {
        throw new IllegalStateException("listener bug");
      }
    };
  }

  @Test
  void aStateChangingCallEndingIn503IsReportedAmbiguousAndSentOnce() {
    Script script = new Script(Map.of(), 503);
    HttpPipeline p = context(script).addListener(recorder).build().pipeline();

    catchThrowableOfType(
        CalmAmbiguousOutcomeException.class,
        () -> p.send(CalmRequest.post(URL).jsonBody("{}".getBytes()).operation("transport.export").build()));

    assertThat(script.sent).hasSize(1);
    CallEnded end = (CallEnded) events.get(events.size() - 1);
    assertThat(end.outcome()).isEqualTo(CallEnded.Outcome.AMBIGUOUS);
    assertThat(end.failure()).isInstanceOf(CalmAmbiguousOutcomeException.class);
  }

  @Test
  void aFailedCallIsReportedWithItsStatusAndException() {
    HttpPipeline p =
        context(new Script(Map.of(), 503)).retryPolicy(RetryPolicy.none()).addListener(recorder).build().pipeline();

    catchThrowableOfType(CalmUnavailableException.class, () -> p.send(get()));

    CallEnded end = (CallEnded) events.get(events.size() - 1);
    assertThat(end.outcome()).isEqualTo(CallEnded.Outcome.ERROR_STATUS);
    assertThat(end.status()).isEqualTo(503);
  }

  @Test
  void aPerAttemptStageSeesEveryRetryAndAPerCallStageRunsOnce() {
    AtomicInteger perCall = new AtomicInteger();
    AtomicInteger perAttempt = new AtomicInteger();
    HttpPipeline p =
        context(new Script(Map.of(), 500, 502, 200))
            .addStage((r, c, next) -> { perCall.incrementAndGet(); return next.proceed(r); }, HttpStage.Position.PER_CALL)
            .addStage(
                (r, c, next) -> { perAttempt.incrementAndGet(); return next.proceed(r.withHeader("X-Attempt", "" + c.attempt())); },
                HttpStage.Position.PER_ATTEMPT)
            .build()
            .pipeline();

    p.send(get());

    assertThat(perCall).hasValue(1);
    assertThat(perAttempt).hasValue(3);
  }

  @Test
  void theTransportCanBeReplacedAndSeesEveryStagesHeaders() {
    Script script = new Script(Map.of(), 200);
    context(script).userAgentSuffix("my-tool/1.0").build().pipeline().send(get());

    CalmRequest sent = script.sent.get(0);
    assertThat(sent.header("User-Agent")).hasValueSatisfying(v -> assertThat(v).contains("my-tool/1.0"));
    assertThat(sent.header("X-Request-Id")).isPresent();
  }

  @Test
  void aStageThatSendsTwiceLikeA401ResendDoesNotUseUpTheRetriesOfTheSecondPass() {
    // the authorization stage resends once after a 401; the retry stage counts each pass on its own
    Script script = new Script(Map.of(), 503, 503, 401, 503, 503, 200);
    HttpPipeline p =
        context(script)
            .retryPolicy(RetryPolicy.builder().maxRetries(2).backoff(Backoff.fixed(Duration.ofMillis(1))).build())
            .authorization(
                (r, c, next) -> {
                  CalmResponse first = next.proceed(r);
                  return first.status() == 401 ? next.proceed(r) : first;
                })
            .build()
            .pipeline();

    CalmResponse r = p.send(get());

    assertThat(r.status()).isEqualTo(200);
    assertThat(script.sent).hasSize(6);
    assertThat(r.attempts()).isEqualTo(6);
  }

  @Test
  void aRateLimitsHttpDateRetryAfterIsReadOnThePipelineClock() {
    String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(30).atOffset(ZoneOffset.UTC));
    HttpPipeline p =
        context(new Script(Map.of("Retry-After", List.of(in30s)), 429)).retryPolicy(RetryPolicy.none()).build().pipeline();

    CalmRateLimitException e = catchThrowableOfType(CalmRateLimitException.class, () -> p.send(get()));

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
  }

  @Test
  void noListenersMeansTheNoopListener() {
    assertThat(ClientContext.defaults().listener()).isSameAs(CalmListener.noop());
    assertThat(CalmListener.of(List.of(CalmListener.noop()))).isSameAs(CalmListener.noop());
  }
}
