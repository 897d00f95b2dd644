package io.github.calmsdk.client.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.retry.Backoff;
import io.github.calmsdk.core.retry.RetryBudget;
import io.github.calmsdk.core.retry.RetryPolicy;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.TransportOutcome;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.UnresolvedOutcomeException;
import io.github.calmsdk.testkit.FakeCalm;
import io.github.calmsdk.testkit.FakeTransportRequest;
import io.github.calmsdk.testkit.Fault;
import io.github.calmsdk.testkit.FaultMix;
import io.github.calmsdk.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing duplicated: 8 threads run 25 export-then-import cycles each through one {@link CalmClient}
 * against the fake Cloud ALM, while the fake answers a seeded share of calls with 429 and 503 (with Retry-After),
 * connection resets, 2-second stalls and responses dropped after processing, and a coordinating thread expires every
 * token mid-run, twice, while the token endpoint fails for a while. Afterwards what the SDK reported for every
 * cycle is reconciled with what the fake holds.
 *
 * <p>Retry settings: the attempt timeout is 1 s (uploads 1.5 s), so a 2 s stall is a timeout; waits are recorded by
 * an {@link InstantSleeper} and take no real time. The retry budget is unlimited here on purpose: at this fault rate
 * the standard budget (500 tokens, 5 per retry, 10 per timeout, 1 back per success) can run dry in a burst, and then
 * calls fail fast with their first error; that would still have to satisfy every invariant below, but it would mix
 * the budget's (interleaving-dependent) decisions into what this test is about: what the SDK reports after each kind
 * of fault. {@link RetryStormTest} shows separately that the standard budget stops a retry storm.
 *
 * <p>Determinism: the fault mix is seeded and the scripted faults fire on fixed counts; which request draws which
 * fault still depends on how the 8 threads interleave, so the counts vary a little between runs, while the
 * invariants and the scripted minimums hold on every run.
 */
@ExtendWith(SecretLedger.class)
class LoadUnderFaultsTest {
  private static final long SEED = 0x5EED_2026_1121L;
  private static final int THREADS = 8;
  private static final int CYCLES = 25;
  private static final String UPLOAD = ".+/v2/files/upload";
  private static final String EXPORT = ".+/v2/nodes/export";
  private static final String IMPORT = ".+/v2/nodes/\\d+/transportRequests/import";
  private static final String NODES = ".+/v2/nodes";
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
  /** The outcome the fake gives each cycle's import, by cycle number. */
  private static final List<String> IMPORT_OUTCOMES = List.of("succeeded", "succeeded", "warning", "succeeded", "error");

  @TempDir Path dir;

  /** What the SDK reported for one export and the import that followed it. Written by one worker thread. */
  static final class Cycle {
    final int thread;
    final int index;
    final String description;
    ExportResult exported;
    CalmAmbiguousOutcomeException exportAmbiguous;
    CalmException exportFailed;
    Throwable exportUnexpected;
    String importOutcomeChosen;
    ImportOutcome imported;
    UnresolvedOutcomeException importAmbiguous;
    CalmException importFailed;
    Throwable importUnexpected;

    Cycle(int thread, int index) {
      this.thread = thread;
      this.index = index;
      this.description = "reliability export t" + thread + " c" + index;
    }

    String name() {
      return "t" + thread + "-c" + index;
    }

    int number() {
      return thread * CYCLES + index;
    }
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void twoHundredExportsAndImportsUnderSeededFaultsAreEachReportedOnceAndNeverDuplicated() throws Exception {
    FakeCalm fake = FakeCalm.start();
    SecretLedger.addClientSecret(fake.clientId(), fake.clientSecret());
    // scripted faults, tried before the random mix: each kind fires a known number of times
    Fault droppedExports = fake.faults().on("POST", EXPORT).dropResponseAfterProcessing().times(3);
    Fault stalledExports = fake.faults().on("POST", EXPORT).delay(Duration.ofSeconds(2)).times(2);
    Fault unreadableExports = fake.faults().on("POST", EXPORT).malformedBody().times(2);
    Fault droppedImports = fake.faults().on("POST", IMPORT).dropResponseAfterProcessing().times(3);
    Fault busyImports = fake.faults().on("POST", IMPORT).status(503).retryAfter(RETRY_AFTER).times(2);
    Fault unreadableImports = fake.faults().on("POST", IMPORT).malformedBody().times(1);
    Fault limitedReads = fake.faults().on("GET", NODES).status(429).retryAfter(RETRY_AFTER).times(2);
    Fault resetUploads = fake.faults().on("POST", UPLOAD).connectionReset().times(2);
    Fault chaos =
        fake.faults()
            .random(
                SEED,
                FaultMix.builder()
                    .rate429(0.03)
                    .rate503(0.03)
                    .retryAfter(RETRY_AFTER)
                    .resetRate(0.02)
                    .stallRate(0.01)
                    .stall(Duration.ofSeconds(2))
                    .dropAfterProcessingRate(0.02)
                    .build());

    InstantSleeper retryWaits = new InstantSleeper();
    CalmClient calm =
        CalmClient.builder()
            .serviceKey(ServiceKey.fromJson(fake.serviceKeyJson()))
            .sleeper(retryWaits)
            .attemptTimeout(Duration.ofSeconds(1))
            .callTimeout(Duration.ofSeconds(60))
            .retryPolicy(RetryPolicy.builder().maxRetries(6).backoff(Backoff.fixed(Duration.ofMillis(5))).build())
            .retryBudget(RetryBudget.unlimited())
            .deploymentOptions(
                DeploymentOptions.builder()
                    .uploadTimeout(Duration.ofMillis(1500))
                    .pollSchedule(Duration.ofMillis(10), 1.5, Duration.ofMillis(50))
                    .build())
            .build();
    DeploymentClient deployment = calm.deployment();

    List<Cycle> cycles = Collections.synchronizedList(new ArrayList<>());
    List<Cycle> timedOutCreates = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch everyoneDidSix = new CountDownLatch(THREADS);
    CountDownLatch everyoneDidFifteen = new CountDownLatch(THREADS);
    // the workers wait at each expiry point until the token is dead, so that requests always meet the expiry and
    // the failing token endpoint (on a fast machine they could otherwise finish all cycles before it)
    CountDownLatch firstExpiryDone = new CountDownLatch(1);
    CountDownLatch secondExpiryDone = new CountDownLatch(1);
    AtomicReference<Fault> tokenBlip = new AtomicReference<>();
    AtomicReference<Fault> tokenOutage = new AtomicReference<>();
    AtomicReference<String> coordinatorNote = new AtomicReference<>("");
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    long started = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    Future<?> coordinator;
    try {
      coordinator =
          pool.submit(
              () -> {
                everyoneDidSix.await();
                // A create that timed out in a stall is processed by the fake 2 s later, with the token it came
                // with; let those land before the token dies, so that "ambiguous, and the server shows it" occurs.
                boolean landed =
                    until(
                        Duration.ofSeconds(15),
                        () ->
                            stalledExports.fired() == 2
                                && timedOutCreates.stream()
                                    .allMatch(c -> fake.transportRequests().stream()
                                        .anyMatch(t -> t.description().equals(c.description))));
                coordinatorNote.set(landed ? "" : " (stalled creates had not landed before the first expiry)");
                // the token dies mid-run; the refresh meets two 503s and succeeds on its third attempt
                tokenBlip.set(fake.faults().tokenEndpoint().status(503).retryAfter(RETRY_AFTER).times(2));
                fake.expireAllTokens();
                firstExpiryDone.countDown();
                everyoneDidFifteen.await();
                // again, and this time the token endpoint fails for longer than one refresh retries
                tokenOutage.set(fake.faults().tokenEndpoint().status(503).times(6));
                fake.expireAllTokens();
                secondExpiryDone.countDown();
                return null;
              });
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        workers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < CYCLES; i++) {
                    Cycle c = new Cycle(thread, i);
                    cycles.add(c);
                    runCycle(fake, deployment, c, dir);
                    if (c.exportAmbiguous instanceof UnresolvedOutcomeException && timedOut(c.exportAmbiguous)) {
                      timedOutCreates.add(c);
                    }
                    if (i == 5) {
                      everyoneDidSix.countDown();
                      firstExpiryDone.await(60, TimeUnit.SECONDS);
                    }
                    if (i == 14) {
                      everyoneDidFifteen.countDown();
                      secondExpiryDone.await(60, TimeUnit.SECONDS);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get(120, TimeUnit.SECONDS);
      }
      coordinator.get(10, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
      calm.close();
      // closing ends the fake's handler threads: a request still stalled is cut, so the state read below is final
      fake.close();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    List<RecordedRequest> requests = fake.requests();
    requests.stream()
        .map(r -> r.header("authorization"))
        .filter(h -> h != null && h.regionMatches(true, 0, "Bearer ", 0, 7))
        .forEach(h -> SecretLedger.add(h.substring(7).trim()));

    // ------------------------------------------------------------------ what the fake holds
    List<FakeTransportRequest> onServer = fake.transportRequests();
    Map<String, List<FakeTransportRequest>> byDescription = group(onServer, t -> List.of(t.description()));
    Map<String, List<FakeTransportRequest>> byFile = group(onServer, FakeTransportRequest::entryUris);
    long duplicatesByDescription = byDescription.values().stream().mapToLong(l -> l.size() - 1).sum();
    long duplicatesByFile = byFile.values().stream().mapToLong(l -> l.size() - 1).sum();
    long duplicates = duplicatesByDescription + duplicatesByFile;

    // ------------------------------------------------------------------ every cycle reported exactly one outcome
    assertThat(cycles).hasSize(THREADS * CYCLES);
    List<String> unexpected = new ArrayList<>();
    for (Cycle c : cycles) {
      int reported =
          (c.exported != null ? 1 : 0)
              + (c.exportAmbiguous != null ? 1 : 0)
              + (c.exportFailed != null ? 1 : 0)
              + (c.exportUnexpected != null ? 1 : 0);
      assertThat(reported).as("%s reported exactly one export outcome", c.name()).isEqualTo(1);
      if (c.exportUnexpected != null) {
        unexpected.add(c.name() + " export: " + Leaks.everything(c.exportUnexpected));
      }
      if (c.importUnexpected != null) {
        unexpected.add(c.name() + " import: " + Leaks.everything(c.importUnexpected));
      }
    }
    assertThat(unexpected).as("exceptions that are not the SDK's typed errors (NPE, ISE, ...)").isEmpty();

    int succeeded = 0;
    int recovered = 0;
    int ambiguous = 0;
    int failed = 0;
    int ambiguousOnServer = 0;
    List<String> ambiguousListing = new ArrayList<>();
    for (Cycle c : cycles) {
      List<FakeTransportRequest> mine = byDescription.getOrDefault(c.description, List.of());
      if (c.exported != null) {
        // a reported export exists exactly once, under the id, description and files the SDK reported
        if (c.exported.recovered()) {
          recovered++;
        } else {
          succeeded++;
        }
        assertThat(mine).as("%s: transport requests with its description", c.name()).hasSize(1);
        FakeTransportRequest tr = mine.get(0);
        assertThat(tr.id()).as("%s: id", c.name()).isEqualTo(c.exported.transportRequestId().value());
        assertThat(tr.description()).isEqualTo(c.exported.description());
        assertThat(tr.entryUris())
            .as("%s: entries", c.name())
            .containsExactlyElementsOf(
                c.exported.uploadedFiles().stream().map(f -> Long.toString(f.fileId())).collect(Collectors.toList()));
        assertThat(tr.queueNodeIds()).as("%s: queues", c.name()).containsExactly(fake.nodeId("QAS"));
      } else if (c.exportAmbiguous != null) {
        // an ambiguous export is listed with what the server shows: nothing, or exactly one transport request
        ambiguous++;
        ambiguousOnServer += mine.size();
        assertThat(mine).as("%s: transport requests after an ambiguous export", c.name()).hasSizeLessThanOrEqualTo(1);
        assertThat(c.exportAmbiguous.getMessage()).as("%s: message", c.name()).contains("outcome unknown");
        ambiguousListing.add(
            "  ambiguous export " + c.name() + ": " + describe(c.exportAmbiguous) + " -> server shows "
                + (mine.isEmpty()
                    ? "no transport request"
                    : "transport request " + mine.get(0).id() + " " + mine.get(0).statusByNode()));
      } else if (c.exportFailed != null) {
        // a plain failure says the export did not happen: nothing may exist on the server for it
        failed++;
        assertThat(mine)
            .as("%s failed without saying the outcome is unknown (%s), yet the server holds", c.name(),
                c.exportFailed.summary())
            .isEmpty();
        assertThat(c.exportFailed.getMessage()).isNotBlank();
        ambiguousListing.add("  failed export " + c.name() + ": " + describe(c.exportFailed) + " -> server shows nothing");
      }
    }
    // nothing on the server lacks a report: each transport request is a reported success or a reported ambiguity
    Map<String, Cycle> byOwnDescription =
        cycles.stream().collect(Collectors.toMap(c -> c.description, c -> c));
    for (FakeTransportRequest tr : onServer) {
      Cycle owner = byOwnDescription.get(tr.description());
      assertThat(owner).as("transport request %d has a description no cycle used", tr.id()).isNotNull();
      assertThat(owner.exported != null || owner.exportAmbiguous != null)
          .as("transport request %d of %s exists, but the SDK reported %s", tr.id(), owner.name(),
              owner.exportFailed == null ? "nothing" : "a plain failure: " + owner.exportFailed.summary())
          .isTrue();
      if (owner.exported != null) {
        assertThat(owner.exported.transportRequestId().value()).isEqualTo(tr.id());
      }
    }
    assertThat(duplicatesByDescription).as("transport requests created twice (same description)").isZero();
    assertThat(duplicatesByFile).as("transport requests sharing an uploaded file").isZero();

    // ------------------------------------------------------------------ every import ended in a known state
    int imports = 0;
    int importsFinished = 0;
    int importsAmbiguous = 0;
    int importsFailed = 0;
    List<String> importListing = new ArrayList<>();
    for (Cycle c : cycles) {
      if (c.exported == null) {
        assertThat(c.imported == null && c.importAmbiguous == null && c.importFailed == null).isTrue();
        continue;
      }
      imports++;
      int reported =
          (c.imported != null ? 1 : 0)
              + (c.importAmbiguous != null ? 1 : 0)
              + (c.importFailed != null ? 1 : 0)
              + (c.importUnexpected != null ? 1 : 0);
      assertThat(reported).as("%s reported exactly one import outcome", c.name()).isEqualTo(1);
      TransportRequestId id = c.exported.transportRequestId();
      FakeTransportRequest tr = fake.transportRequest(id.value());
      if (c.imported != null) {
        importsFinished++;
        ImportOutcome o = c.imported;
        assertThat(o.isFinished()).as("%s: finished", c.name()).isTrue();
        assertThat(o.status().isKnown()).as("%s: action status %s known", c.name(), o.status()).isTrue();
        assertThat(o.transportRequests()).allSatisfy(t -> assertThat(t.status().isKnown()).isTrue());
        TransportOutcome mine = o.outcome(id).orElseThrow();
        assertThat(mine.status().value()).as("%s: outcome", c.name()).isEqualTo(c.importOutcomeChosen);
        assertThat(tr.statusIn(fake.nodeId("QAS"))).as("%s: status on the server", c.name())
            .isEqualTo(c.importOutcomeChosen);
      } else if (c.importAmbiguous != null) {
        importsAmbiguous++;
        assertThat(c.importAmbiguous.checks()).as("%s: checks made", c.name()).isNotEmpty();
        importListing.add(
            "  ambiguous import " + c.name() + " of " + id + ": SDK observed " + c.importAmbiguous.observed()
                + " -> server shows " + tr.statusByNode());
      } else if (c.importFailed != null) {
        importsFailed++;
        assertThat(c.importFailed.getMessage()).isNotBlank();
        importListing.add(
            "  failed import " + c.name() + " of " + id + ": " + describe(c.importFailed) + " -> server shows "
                + tr.statusByNode());
      }
    }

    int retried = retryWaits.count();
    long retryAfterWaits = retryWaits.sleeps().stream().filter(RETRY_AFTER::equals).count();
    String summary =
        "reliability: sent=" + cycles.size()
            + " retried=" + retried
            + " succeeded=" + succeeded
            + " recovered=" + recovered
            + " ambiguous=" + ambiguous + " (on server " + ambiguousOnServer + ")"
            + " failed=" + failed
            + " duplicates=" + duplicates
            + " | imports=" + imports
            + " finished=" + importsFinished
            + " importAmbiguous=" + importsAmbiguous
            + " importFailed=" + importsFailed
            + " | requests=" + requests.size()
            + " randomFaults=" + chaos.fired()
            + " tokenRequests=" + fake.tokenRequests()
            + " transportRequestsOnServer=" + onServer.size()
            + " | " + millis + " ms" + coordinatorNote.get();
    System.out.println(summary);
    ambiguousListing.forEach(System.out::println);
    importListing.forEach(System.out::println);

    assertThat(duplicates).isZero();
    assertThat(coordinatorNote.get()).as("the coordinator's wait for the stalled creates").isEmpty();
    assertThat(succeeded + recovered + ambiguous + failed).isEqualTo(THREADS * CYCLES);
    assertThat(onServer.size()).isLessThanOrEqualTo(succeeded + recovered + ambiguous);
    // the scripted faults fired, and each left its mark in what the SDK reported
    assertThat(droppedExports.fired()).isEqualTo(3);
    assertThat(stalledExports.fired()).isEqualTo(2);
    assertThat(unreadableExports.fired()).isEqualTo(2);
    // the 3 dropped, 2 stalled and 2 unreadable creates were all processed (before any token expired): each is now
    // either a recovered success or an ambiguity whose transport request the listing above shows
    assertThat(recovered + ambiguousOnServer)
        .as("exports whose answer was dropped, stalled or unreadable")
        .isGreaterThanOrEqualTo(7);
    assertThat(droppedImports.fired()).isEqualTo(3);
    assertThat(importsAmbiguous).as("imports whose answer was dropped").isGreaterThanOrEqualTo(3);
    assertThat(busyImports.fired()).isEqualTo(2);
    assertThat(unreadableImports.fired()).isEqualTo(1);
    assertThat(limitedReads.fired()).isEqualTo(2);
    assertThat(resetUploads.fired()).isEqualTo(2);
    assertThat(tokenBlip.get().fired()).isEqualTo(2);
    assertThat(tokenOutage.get().fired()).isEqualTo(6);
    assertThat(retryAfterWaits).as("waits that honoured Retry-After: 1").isGreaterThanOrEqualTo(4);
    assertThat(chaos.fired()).as("random faults").isGreaterThan(0);
    assertThat(succeeded).as("most exports still succeed").isGreaterThan(THREADS * CYCLES / 2);
    // and no exception the SDK reported carries the client secret or a token, in its message, causes or suppressed
    for (Cycle c : cycles) {
      for (Throwable t : new Throwable[] {c.exportAmbiguous, c.exportFailed, c.importAmbiguous, c.importFailed}) {
        if (t != null) {
          Leaks.assertClean(c.name() + ": " + t.getClass().getSimpleName(), Leaks.everything(t), SecretLedger.all());
        }
      }
    }
  }

  private static void runCycle(FakeCalm fake, DeploymentClient deployment, Cycle c, Path dir) throws Exception {
    Path file = dir.resolve(c.name() + ".mtar");
    Files.write(file, ("content of " + c.description).getBytes(StandardCharsets.UTF_8));
    try {
      c.exported =
          deployment.export(
              ExportRequest.builder()
                  .node("DEV")
                  .file(file)
                  .contentType(ContentType.MTA)
                  .description(c.description)
                  .namedUser("worker-" + c.thread)
                  .build());
    } catch (CalmAmbiguousOutcomeException e) {
      c.exportAmbiguous = e;
    } catch (CalmException e) {
      c.exportFailed = e;
    } catch (Throwable e) {
      c.exportUnexpected = e;
    } finally {
      Files.deleteIfExists(file);
    }
    if (c.exported == null) {
      return;
    }
    TransportRequestId id = c.exported.transportRequestId();
    c.importOutcomeChosen = IMPORT_OUTCOMES.get(c.number() % IMPORT_OUTCOMES.size());
    fake.importOutcome(id.value(), c.importOutcomeChosen);
    try {
      c.imported =
          deployment.importTransports(ImportRequest.of(NodeName.of("QAS"), id)).await(Duration.ofMinutes(2));
    } catch (UnresolvedOutcomeException e) {
      c.importAmbiguous = e;
    } catch (CalmException e) {
      c.importFailed = e;
    } catch (Throwable e) {
      c.importUnexpected = e;
    }
  }

  /** One line: the exception's type and summary, and for an unresolved outcome what was lost and what was read. */
  private static String describe(CalmException e) {
    StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
    if (e instanceof UnresolvedOutcomeException && e.getCause() instanceof CalmException) {
      UnresolvedOutcomeException u = (UnresolvedOutcomeException) e;
      sb.append(" after '").append(((CalmException) e.getCause()).summary()).append("'; ")
          .append(u.checks().size()).append(" reads, last: ")
          .append(u.checks().isEmpty() ? "-" : u.checks().get(u.checks().size() - 1));
    } else {
      sb.append(" '").append(e.summary()).append("'");
    }
    return sb.toString().replaceAll("\\s+", " ");
  }

  /** Whether a timeout is among the causes: the answer did not come in time, so the call may land later. */
  private static boolean timedOut(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CalmTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Polls a condition every 5 ms until it holds or the limit passes; true when it held. */
  private static boolean until(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  private static Map<String, List<FakeTransportRequest>> group(
      List<FakeTransportRequest> all, java.util.function.Function<FakeTransportRequest, List<String>> keys) {
    Map<String, List<FakeTransportRequest>> out = new LinkedHashMap<>();
    for (FakeTransportRequest t : all) {
      for (String k : keys.apply(t)) {
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(t);
      }
    }
    return out;
  }

}
