package io.github.calmsdk.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.testkit.FakeCalm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TMS 2.3.1 reads ({@code GET /v2/nodes/{nodeId}/transportRequests/{id}}, {@code GET
 * /v2/transportRequests/{id}/tracking}) save calls where the service serves them, and the client falls back to the
 * queue listing, for its lifetime, after the first 404 or 405 that shows they are absent.
 */
class Tms231ReadsTest {
  private static final String SINGLE = ".*/v2/nodes/\\d+/transportRequests/\\d+";
  private static final String LISTING = ".*/v2/nodes/\\d+/transportRequests";
  private static final String TRACKING = ".*/v2/transportRequests/\\d+/tracking";

  @TempDir Path dir;

  private static FakeCalm fake(boolean reads, int absentStatus) {
    return FakeCalm.builder().importPollsUntilDone(0).tms231Reads(reads).tms231AbsentStatus(absentStatus).start();
  }

  /** Exports one file from DEV: the transport request waits in QAS; then puts it in {@code status} there. */
  private TransportRequestId inQas(FakeCalm fake, DeploymentClient deployment, String status) throws IOException {
    Path mtar = Files.write(dir.resolve("app" + System.nanoTime() + ".mtar"), new byte[] {1, 2, 3});
    TransportRequestId id =
        deployment
            .export(ExportRequest.builder().node("DEV").file(mtar).contentType(ContentType.MTA).description("R").build())
            .transportRequestId();
    fake.setTransportRequestStatus(id.value(), "QAS", status);
    return id;
  }

  private static int reads(FakeCalm fake) {
    return fake.requestCount("GET", SINGLE) + fake.requestCount("GET", LISTING);
  }

  /** The reads of one retry, with one listing call per status (9), as a service that takes no comma list needs. */
  private int readsOfOneRetry(boolean served) throws IOException {
    try (FakeCalm fake = fake(served, 404)) {
      DeploymentClient deployment =
          Fakes.client(fake, DeploymentOptions.builder().statusFilter(StatusFilter.ONE_CALL_PER_STATUS).build());
      TransportRequestId id = inQas(fake, deployment, "error");
      int before = reads(fake);

      deployment.retry(RetryRequest.of(NodeName.of("QAS"), id));

      assertThat(fake.requestCount("POST", ".*/transportRequests/import")).isEqualTo(1);
      return reads(fake) - before;
    }
  }

  @Test
  void aRetrysStatusReadCostsOneCallWithTheSingleReadInsteadOfNineListings() throws IOException {
    int served = readsOfOneRetry(true);
    int absent = readsOfOneRetry(false);

    assertThat(served).isEqualTo(1);
    // the first read learns the endpoint is absent (1) and lists the queue status by status (9)
    assertThat(absent).isEqualTo(10);
    assertThat(absent - served).as("calls saved by the 2.3.1 read").isEqualTo(9);
  }

  @Test
  void withACommaListARetryCostsNoMoreCallsAndReadsOneElementInsteadOfTheWholeQueue() throws IOException {
    try (FakeCalm fake = fake(true, 404)) {
      DeploymentClient deployment = Fakes.client(fake);
      TransportRequestId id = inQas(fake, deployment, "error");
      int listingsBefore = fake.requestCount("GET", LISTING);

      deployment.retry(RetryRequest.of(NodeName.of("QAS"), id));

      assertThat(fake.requestCount("GET", SINGLE)).isEqualTo(1);
      assertThat(fake.requestCount("GET", LISTING)).isEqualTo(listingsBefore);
    }
  }

  @Test
  void afterA404ForATransportRequestTheQueueHoldsNoSecondSingleReadIsSent() throws IOException {
    assertAbsenceIsRemembered(404);
  }

  @Test
  void afterA405NoSecondSingleReadIsSent() throws IOException {
    assertAbsenceIsRemembered(405);
  }

  private void assertAbsenceIsRemembered(int absentStatus) throws IOException {
    try (FakeCalm fake = fake(false, absentStatus)) {
      DeploymentClient deployment = Fakes.client(fake);
      TransportRequestId id = inQas(fake, deployment, "error");

      deployment.retry(RetryRequest.of(NodeName.of("QAS"), id));
      fake.setTransportRequestStatus(id.value(), "QAS", "error");
      deployment.retry(RetryRequest.of(NodeName.of("QAS"), id));
      assertThat(deployment.transportRequest(NodeName.of("QAS"), id)).isPresent();

      assertThat(fake.requestCount("GET", SINGLE)).isEqualTo(1);
      assertThat(fake.requestCount("POST", ".*/transportRequests/import")).isEqualTo(2);
    }
  }

  @Test
  void a404ForATransportRequestTheQueueDoesNotHoldKeepsTheEndpointInUse() throws IOException {
    try (FakeCalm fake = fake(true, 404)) {
      DeploymentClient deployment = Fakes.client(fake);
      TransportRequestId id = inQas(fake, deployment, "initial");

      assertThat(deployment.transportRequest(NodeName.of("QAS"), TransportRequestId.of(999_999))).isEmpty();
      assertThat(deployment.transportRequest(NodeName.of("QAS"), id))
          .hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(TransportStatus.INITIAL));

      assertThat(fake.requestCount("GET", SINGLE)).isEqualTo(2);
    }
  }

  @Test
  void alwaysScanNeverCallsThe231Endpoints() throws IOException {
    try (FakeCalm fake = fake(true, 404)) {
      DeploymentClient deployment =
          Fakes.client(fake, DeploymentOptions.builder().tms231Reads(Tms231Reads.ALWAYS_SCAN).build());
      TransportRequestId id = inQas(fake, deployment, "error");

      deployment.retry(RetryRequest.of(NodeName.of("QAS"), id));
      deployment.transportRequest(NodeName.of("QAS"), id);
      deployment.tracking(id);

      assertThat(fake.requestCount("GET", SINGLE)).isZero();
      assertThat(fake.requestCount("GET", TRACKING)).isZero();
    }
  }

  @Test
  void aLostImportAnswerIsSettledWithTheSingleRead() throws IOException {
    try (FakeCalm fake = fake(true, 404)) {
      DeploymentClient deployment = Fakes.client(fake);
      TransportRequestId id = inQas(fake, deployment, "initial");
      int listingsBefore = fake.requestCount("GET", LISTING);
      fake.faults().on("POST", ".+/transportRequests/import").dropResponseAfterProcessing().times(1);

      assertThatThrownBy(() -> deployment.importTransports(ImportRequest.of(NodeName.of("QAS"), id)))
          .isInstanceOfSatisfying(
              UnresolvedOutcomeException.class,
              e -> assertThat(e.checks()).anySatisfy(c -> assertThat(c).contains("/transportRequests/" + id)));

      assertThat(fake.requestCount("GET", SINGLE)).isEqualTo(1);
      assertThat(fake.requestCount("GET", LISTING)).isEqualTo(listingsBefore);
    }
  }

  @Test
  void trackingIsOneCallWhereServedAndAScanOfEveryQueueWhereNot() throws IOException {
    List<TransportRequestTracking> seen = new ArrayList<>();
    int[] calls = new int[2];
    for (boolean served : new boolean[] {true, false}) {
      try (FakeCalm fake = fake(served, 404)) {
        DeploymentClient deployment = Fakes.client(fake);
        TransportRequestId id = inQas(fake, deployment, "error");
        int before = fake.requestCount("GET", ".*");

        seen.add(deployment.tracking(id));

        calls[served ? 0 : 1] = fake.requestCount("GET", ".*") - before;
        if (!served) {
          deployment.tracking(id);
          assertThat(fake.requestCount("GET", TRACKING)).isEqualTo(1);
        }
      }
    }
    assertThat(calls[0]).isEqualTo(1);
    // the 404, the node list and one listing per node (DEV, QAS, PRD)
    assertThat(calls[1]).isEqualTo(5);
    assertThat(seen.get(0).fromQueueScan()).isFalse();
    assertThat(seen.get(0).raw()).containsKey("nodes");
    assertThat(seen.get(1).fromQueueScan()).isTrue();
    for (TransportRequestTracking t : seen) {
      assertThat(t.queues())
          .extracting(q -> q.nodeName().value() + " " + q.status())
          .contains("QAS error");
    }
  }

  @Test
  void trackingOfATransportRequestNoQueueHoldsIsNotFound() {
    try (FakeCalm fake = fake(true, 404)) {
      assertThatThrownBy(() -> Fakes.client(fake).tracking(TransportRequestId.of(424242)))
          .isInstanceOf(CalmNotFoundException.class);
    }
  }

  @Test
  void watchingGivenTransportRequestsReadsThemOneByOne() throws Exception {
    try (FakeCalm fake = fake(true, 404)) {
      DeploymentClient deployment = Fakes.client(fake);
      TransportRequestId id = inQas(fake, deployment, "error");
      inQas(fake, deployment, "initial");
      int listingsBefore = fake.requestCount("GET", LISTING);
      List<StatusChange> changes = new CopyOnWriteArrayList<>();
      CountDownLatch first = new CountDownLatch(1);

      WatchRequest request =
          WatchRequest.builder()
              .node(NodeName.of("QAS"))
              .transportRequests(List.of(id))
              .emitBaseline(true)
              .interval(java.time.Duration.ofHours(1))
              .build();
      try (StatusWatcher w =
          deployment.statusChanges(request, c -> {
            changes.add(c);
            first.countDown();
          })) {
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
      }

      assertThat(changes).extracting(StatusChange::transportRequestId).containsExactly(id);
      assertThat(fake.requestCount("GET", SINGLE)).isEqualTo(1);
      assertThat(fake.requestCount("GET", LISTING)).isEqualTo(listingsBefore);
    }
  }
}
