package io.github.calmsdk.deployment;

import io.github.calmsdk.core.ClientContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmUnavailableException;
import io.github.calmsdk.core.testing.FakeClock;
import io.github.calmsdk.core.testing.SteppingSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The watcher polls on a fake clock stepped by the test; no real time passes on a timer. */
class StatusWatcherTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private static final String QUEUE = Wm.path("/nodes/2/transportRequests");

  private final FakeClock clock = new FakeClock();
  private final SteppingSleeper sleeper = new SteppingSleeper(clock);
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final BlockingQueue<StatusChange> changes = new LinkedBlockingQueue<>();
  private final List<CalmException> errors = new CopyOnWriteArrayList<>();
  private DeploymentClient client;
  private StatusWatcher watcher;

  @BeforeEach
  void setUp() {
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "test-watcher");
          t.setDaemon(true);
          threads.add(t);
          return t;
        };
    client =
        DeploymentClient.create(
            ClientContext.builder().clock(clock).sleeper(sleeper).build(),
            Wm.apiBase(wm),
            DeploymentOptions.builder().threadFactory(factory).build());
    wm.stubFor(get(Wm.path("/nodes")).willReturn(okJson(Wm.nodesJson())));
  }

  @AfterEach
  void noThreadIsLeft() {
    if (watcher != null) {
      watcher.close();
    }
    assertThat(threads).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
  }

  private static void queueIs(String... trs) {
    wm.stubFor(get(urlPathEqualTo(QUEUE)).willReturn(okJson(Wm.trs(trs))));
  }

  private StatusChangeListener listener() {
    return new StatusChangeListener() {
      @Override
      public void onChange(StatusChange change) {
        changes.add(change);
      }

      @Override
      public void onError(CalmException error) {
        errors.add(error);
      }
    };
  }

  private List<StatusChange> drain() {
    List<StatusChange> out = new ArrayList<>();
    changes.drainTo(out);
    return out;
  }

  /** Lets the watcher run its next poll and waits until it sleeps again. */
  private void nextPoll() throws InterruptedException {
    sleeper.step();
    sleeper.awaitSleeping();
  }

  /** Waits (on a thread handoff, not a timer) until a thread blocks waiting for the stream. */
  private static void awaitBlocked(Thread t) {
    while (t.getState() != Thread.State.WAITING) {
      assertThat(t.isAlive()).as("consumer ended before blocking").isTrue();
      Thread.onSpinWait();
    }
  }

  private static StatusChange change(long id, TransportStatus from, TransportStatus to, Instant at) {
    return new StatusChange(
        TransportRequestId.of(id), NodeId.of(2), Optional.ofNullable(from), Optional.ofNullable(to), at);
  }

  @Test
  void theBaselineIsSilentAndEachChangeIsReportedOnce() throws InterruptedException {
    queueIs(Wm.tr(1, "initial"), Wm.tr(2, "initial"));
    watcher = client.statusChanges(WatchRequest.of(NodeName.of("QAS_NODE")), listener());
    assertThat(sleeper.awaitSleeping()).isEqualTo(Duration.ofMinutes(5));
    assertThat(drain()).isEmpty();

    queueIs(Wm.tr(1, "running"), Wm.tr(2, "initial"));
    nextPoll();
    assertThat(drain())
        .containsExactly(
            change(1, TransportStatus.INITIAL, TransportStatus.RUNNING, Instant.parse("2026-11-21T10:05:00Z")));

    nextPoll();
    assertThat(drain()).isEmpty();

    queueIs(Wm.tr(1, "succeeded"), Wm.tr(2, "initial"));
    nextPoll();
    assertThat(drain())
        .containsExactly(
            change(1, TransportStatus.RUNNING, TransportStatus.SUCCEEDED, Instant.parse("2026-11-21T10:15:00Z")));
    wm.verify(
        4,
        getRequestedFor(urlEqualTo(QUEUE + "?status=in,ru,re,su,sk,wa,er,fa,de")));
    assertThat(watcher.node()).isEqualTo(NodeId.of(2));
  }

  @Test
  void anUnknownStatusIsReportedAsItCame() throws InterruptedException {
    queueIs(Wm.tr(1, "initial"));
    watcher = client.statusChanges(WatchRequest.of(NodeId.of(2)), listener());
    sleeper.awaitSleeping();

    queueIs(Wm.tr(1, "transient"));
    nextPoll();

    StatusChange c = drain().get(0);
    assertThat(c.to()).contains(TransportStatus.of("transient"));
    assertThat(c.to().orElseThrow().kind()).isEqualTo(TransportStatus.Kind.OTHER);
  }

  @Test
  void newAndVanishedTransportRequestsAreReportedWithAnEmptySide() throws InterruptedException {
    queueIs(Wm.tr(1, "initial"));
    watcher = client.statusChanges(WatchRequest.of(NodeId.of(2)), listener());
    sleeper.awaitSleeping();

    queueIs(Wm.tr(2, "initial"));
    nextPoll();

    Instant at = Instant.parse("2026-11-21T10:05:00Z");
    assertThat(drain())
        .containsExactly(
            change(2, null, TransportStatus.INITIAL, at), change(1, TransportStatus.INITIAL, null, at));
  }

  @Test
  void theBaselineIsReportedWhenAskedAndTheIntervalIsConfigurable() throws InterruptedException {
    queueIs(Wm.tr(1, "error"));
    watcher =
        client.statusChanges(
            WatchRequest.builder()
                .node(NodeId.of(2))
                .statuses(List.of(TransportStatus.ERROR, TransportStatus.FATAL))
                .interval(Duration.ofSeconds(30))
                .emitBaseline(true)
                .build(),
            listener());

    assertThat(sleeper.awaitSleeping()).isEqualTo(Duration.ofSeconds(30));
    assertThat(drain()).containsExactly(change(1, null, TransportStatus.ERROR, clock.instant()));
    wm.verify(getRequestedFor(urlEqualTo(QUEUE + "?status=er,fa")));
  }

  @Test
  void aFailedPollIsReportedAndTheWatchGoesOn() throws InterruptedException {
    queueIs(Wm.tr(1, "initial"));
    watcher = client.statusChanges(WatchRequest.of(NodeId.of(2)), listener());
    sleeper.awaitSleeping();

    wm.stubFor(get(urlPathEqualTo(QUEUE)).willReturn(aResponse().withStatus(403)));
    nextPoll();
    assertThat(errors).hasSize(1);

    queueIs(Wm.tr(1, "running"));
    nextPoll();
    assertThat(drain()).extracting(StatusChange::to).containsExactly(Optional.of(TransportStatus.RUNNING));
    assertThat(watcher.isRunning()).isTrue();
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheWatch() throws InterruptedException {
    queueIs(Wm.tr(1, "initial"));
    List<StatusChange> seen = new CopyOnWriteArrayList<>();
    watcher =
        client.statusChanges(
            WatchRequest.of(NodeId.of(2)),
            c -> {
              seen.add(c);
              throw new IllegalStateException("listener bug");
            });
    sleeper.awaitSleeping();

    queueIs(Wm.tr(1, "running"));
    nextPoll();
    queueIs(Wm.tr(1, "error"));
    nextPoll();

    assertThat(seen).hasSize(2);
    assertThat(watcher.isRunning()).isTrue();
  }

  @Test
  void closeInterruptsTheWaitAndReturnsOnceTheThreadHasEnded() throws InterruptedException {
    queueIs(Wm.tr(1, "initial"));
    watcher = client.statusChanges(WatchRequest.of(NodeId.of(2)), listener());
    sleeper.awaitSleeping();
    assertThat(watcher.isRunning()).isTrue();

    watcher.close();

    assertThat(watcher.isRunning()).isFalse();
    assertThat(threads).hasSize(1).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
    watcher.close(); // twice is fine
    wm.verify(1, getRequestedFor(urlPathEqualTo(QUEUE)));
  }

  @Test
  void closeInterruptsAPollInFlight() throws InterruptedException {
    wm.stubFor(get(urlPathEqualTo(QUEUE)).willReturn(okJson(Wm.trs()).withFixedDelay(1500)));
    watcher = client.statusChanges(WatchRequest.of(NodeId.of(2)), listener());
    while (wm.getAllServeEvents().stream().noneMatch(e -> e.getRequest().getUrl().startsWith(QUEUE))) {
      Thread.onSpinWait();
    }

    long start = System.nanoTime();
    watcher.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
    assertThat(watcher.isRunning()).isFalse();
    assertThat(errors).isEmpty();
  }

  @Test
  void closeFromTheListenerStopsTheWatchWithoutWaitingOnItself() throws InterruptedException {
    queueIs(Wm.tr(1, "initial"));
    java.util.concurrent.CompletableFuture<StatusWatcher> self = new java.util.concurrent.CompletableFuture<>();
    watcher =
        client.statusChanges(
            WatchRequest.builder().node(NodeId.of(2)).emitBaseline(true).build(), c -> self.join().close());
    self.complete(watcher);

    threads.get(0).join(10_000);

    assertThat(watcher.isRunning()).isFalse();
  }

  @Test
  void theStreamDeliversChangesAndClosingItStopsTheWatcher() throws InterruptedException {
    queueIs(Wm.tr(1, "initial"));
    try (Stream<StatusChange> stream = client.statusChangeStream(WatchRequest.of(NodeName.of("QAS_NODE")))) {
      Iterator<StatusChange> it = stream.iterator();
      sleeper.awaitSleeping();
      queueIs(Wm.tr(1, "error"));
      sleeper.step();

      StatusChange c = it.next();

      assertThat(c.from()).contains(TransportStatus.INITIAL);
      assertThat(c.to()).contains(TransportStatus.ERROR);
      sleeper.awaitSleeping();
    }
    assertThat(threads).hasSize(1).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
  }

  @Test
  void theStreamEndsWhenClosedFromAnotherThreadWhileTheConsumerWaits() throws Exception {
    queueIs(Wm.tr(1, "initial"));
    Stream<StatusChange> stream = client.statusChangeStream(WatchRequest.of(NodeId.of(2)));
    sleeper.awaitSleeping();
    Iterator<StatusChange> it = stream.iterator();
    List<Boolean> hasNext = new CopyOnWriteArrayList<>();
    Thread consumer = new Thread(() -> hasNext.add(it.hasNext()));
    consumer.start();
    awaitBlocked(consumer);

    stream.close();
    consumer.join(10_000);

    assertThat(consumer.isAlive()).isFalse();
    assertThat(hasNext).containsExactly(false);
    assertThat(threads.get(0).isAlive()).isFalse();
  }

  @Test
  void anInterruptedConsumerEndsTheStreamAndTheWatcher() throws Exception {
    queueIs(Wm.tr(1, "initial"));
    Stream<StatusChange> stream = client.statusChangeStream(WatchRequest.of(NodeId.of(2)));
    sleeper.awaitSleeping();
    Iterator<StatusChange> it = stream.iterator();
    List<Boolean> hasNext = new CopyOnWriteArrayList<>();
    Thread consumer = new Thread(() -> hasNext.add(it.hasNext()));
    consumer.start();
    awaitBlocked(consumer);

    consumer.interrupt();
    consumer.join(10_000);

    assertThat(consumer.isAlive()).isFalse();
    assertThat(hasNext).containsExactly(false);
    threads.get(0).join(10_000);
    assertThat(threads.get(0).isAlive()).isFalse();
  }

  @Test
  void aPollFailingWith503IsRetriedInsideThePollByThePipeline() throws InterruptedException {
    wm.stubFor(get(urlPathEqualTo(QUEUE)).willReturn(aResponse().withStatus(503)));
    watcher = client.statusChanges(WatchRequest.of(NodeId.of(2)), listener());
    // the client has one sleeper: the pipeline's three retry waits pass through it before the watcher's own
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waits.add(sleeper.awaitSleeping());
      sleeper.step();
    }
    Duration interval = sleeper.awaitSleeping();

    assertThat(waits).allMatch(d -> d.compareTo(Duration.ofSeconds(20)) <= 0);
    assertThat(interval).isEqualTo(DeploymentOptions.defaults().watchInterval());
    assertThat(errors).singleElement().isInstanceOf(CalmUnavailableException.class);
    wm.verify(4, getRequestedFor(urlPathEqualTo(QUEUE)));
  }
}
