package io.github.calmsdk.relay.internal;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.RetryRequest;
import io.github.calmsdk.deployment.TransportNotRetryableException;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.relay.RelayOptions;
import io.github.calmsdk.relay.RelayRun;
import io.github.calmsdk.relay.RelayStoreException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works claimed entries through their steps. Each step's result is persisted (fenced) before the next call, and a
 * call that may have changed state in Cloud ALM is marked as possibly sent first, so a process killed at any
 * instant resumes at the right step: an upload is repeated (an unused file creates nothing), a create or import
 * that was possibly sent is settled by reading, never sent again.
 */
public final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.relay");

  /** How one entry ended in a pass. */
  enum Result { DELIVERED, FAILED, UNRESOLVED, RETRY, LOST_CLAIM }

  private final JdbcStore store;
  private final TransportCalls calls;
  private final DeploymentClient deployment;
  private final LostAnswers lostAnswers;
  private final RelayOptions options;
  private final Backoff backoff;
  private final Clock clock;
  private final String owner;
  private final StepHook hook;
  private final AtomicLong passes = new AtomicLong();
  /**
   * Makes this dispatcher's pass tokens its own: a restarted process with the same owner name would otherwise
   * reuse "owner#1", and its first pass would skip every entry its dead predecessor claimed in that pass (and,
   * through the sequence key, every later import into the same node) until the next pass.
   */
  private final String instance =
      Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 24));
  private final List<Work> toRelease = new ArrayList<>();
  private volatile boolean stopping;

  /** A dispatcher for one relay node. */
  public Dispatcher(
      JdbcStore store, TransportCalls calls, DeploymentClient deployment, LostAnswers lostAnswers,
      RelayOptions options, String owner, StepHook hook) {
    this.store = store;
    this.calls = calls;
    this.deployment = deployment;
    this.lostAnswers = LostAnswers.require(lostAnswers);
    this.options = options;
    this.backoff = new Backoff(options.backoffBase(), options.backoffCap(), options.random());
    this.clock = options.clock();
    this.owner = owner;
    this.hook = hook;
  }

  /** The claimed entry and the steps done so far in this attempt. */
  private static final class Work {
    final StoredEntry claim;
    String step;
    List<Long> fileIds;
    Long trId;

    Work(StoredEntry claim) {
      this.claim = claim;
      this.step = claim.step();
      this.fileIds = new ArrayList<>(claim.fileIds());
      this.trId = claim.transportRequestId();
    }
  }

  /**
   * One pass: claims packages until none is due, and works each entry.
   *
   * @param ignoreBackoff true to try every pending entry now (a person asked for it)
   * @param maxPackages how many packages at most, or 0 for no limit
   * @return what happened
   * @throws RelayStoreException when the store fails; entries this node had claimed are given back on the next
   *     pass that reaches the store
   */
  public RelayRun pass(boolean ignoreBackoff, int maxPackages) {
    releaseAfterStoreFailure();
    String token = owner + "#" + instance + "#" + passes.incrementAndGet();
    int delivered = 0;
    int failed = 0;
    int unresolved = 0;
    int retried = 0;
    long leaseMillis = options.lease().toMillis();
    for (int n = 0; maxPackages == 0 || n < maxPackages; n++) {
      List<StoredEntry> claims =
          store.claim(owner, options.packageSize(), leaseMillis, ignoreBackoff, token, clock.millis());
      if (claims.isEmpty()) {
        break;
      }
      for (int i = 0; i < claims.size(); i++) {
        StoredEntry c = claims.get(i);
        if (stopping) {
          giveBack(c);
          continue;
        }
        Result r;
        try {
          r = process(c);
        } catch (RelayStoreException e) {
          synchronized (toRelease) {
            claims.subList(i + 1, claims.size()).forEach(rest -> toRelease.add(new Work(rest)));
          }
          throw e;
        }
        switch (r) {
          case DELIVERED -> delivered++;
          case FAILED -> failed++;
          case UNRESOLVED -> unresolved++;
          case RETRY -> retried++;
          case LOST_CLAIM -> { }
        }
      }
    }
    return new RelayRun(delivered, failed, unresolved, retried, store.open());
  }

  /** Makes the pass in flight give back the entries it has not started. */
  public void stop() {
    stopping = true;
  }

  private void giveBack(StoredEntry c) {
    try {
      store.finish(c, "pending", c.step(), c.transportRequestId(), null, c.lastError(), List.of(), 0, clock.millis());
    } catch (StoreFencedException e) {
      // taken over meanwhile
    }
  }

  private void releaseAfterStoreFailure() {
    synchronized (toRelease) {
      for (Work w : List.copyOf(toRelease)) {
        try {
          store.finish(w.claim, "pending", w.step, w.trId, null, "the store failed while this entry was in flight",
              List.of(), 0, clock.millis());
        } catch (StoreFencedException e) {
          // taken over meanwhile: nothing to give back
        }
        toRelease.remove(w);
      }
    }
  }

  Result process(StoredEntry claim) {
    Work w = new Work(claim);
    try {
      if (tooOld(claim)) {
        return fail(w, "older than " + options.maxAge() + " without being delivered"
            + (claim.lastError() != null ? "; last error: " + claim.lastError() : ""));
      }
      return switch (claim.kind()) {
        case "export" -> export(w);
        case "import" -> start(w, false);
        case "retry" -> start(w, true);
        default -> fail(w, "unknown entry kind " + claim.kind());
      };
    } catch (StoreFencedException e) {
      LOG.warn("{}", e.getMessage());
      return Result.LOST_CLAIM;
    } catch (RelayStoreException e) {
      synchronized (toRelease) {
        toRelease.add(w);
      }
      throw e;
    } catch (SpoolFileMissing e) {
      return fail(w, e.getMessage());
    } catch (CalmException e) {
      return failedCall(w, e);
    }
  }

  private boolean tooOld(StoredEntry c) {
    return clock.millis() - c.createdAt() > options.maxAge().toMillis();
  }

  // --- export ------------------------------------------------------------------------------------------------

  private Result export(Work w) {
    Payloads.Export p = Payloads.export(w.claim.payload());
    if (w.step.equals(StoredEntry.STEP_CREATING)) {
      return settleExport(w, p, null);
    }
    for (int i = w.fileIds.size(); i < p.files().size(); i++) {
      Payloads.SpoolFile f = p.files().get(i);
      if (!Files.isRegularFile(f.path())) {
        throw new SpoolFileMissing("the file " + f.path() + " of this export was deleted behind the relay's back"
            + (f.spooled() ? " (from its spool directory)" : " (it was referenced in place)")
            + "; nothing was created in Cloud ALM; submit the export again");
      }
      hook.at(StepHook.Point.BEFORE_UPLOAD, w.claim.id());
      long fileId = calls.upload(f.path(), f.name(), p.namedUser(), p.timeout());
      w.fileIds.add(fileId);
      store.saveStep(w.claim, StoredEntry.STEP_NEW, w.fileIds, null, options.lease().toMillis(), clock.millis());
    }
    List<String> uris = uris(p, w);
    hook.at(StepHook.Point.BEFORE_CREATE, w.claim.id());
    store.saveStep(w.claim, StoredEntry.STEP_CREATING, w.fileIds, null, options.lease().toMillis(), clock.millis());
    w.step = StoredEntry.STEP_CREATING; // only once persisted: a failed save gives the entry back as "not sent"
    TransportRequestId tr;
    try {
      tr = calls.create(p, uris);
    } catch (CalmAmbiguousOutcomeException lost) {
      return settleExport(w, p, lost);
    } catch (CalmDecodingException unreadable) {
      if (unreadable.status() >= 200 && unreadable.status() < 300) {
        return settleExport(w, p, unreadable);
      }
      throw unreadable;
    } catch (CalmException notSent) {
      w.step = StoredEntry.STEP_NEW; // the create was refused or never arrived: it may be sent again
      throw notSent;
    }
    hook.at(StepHook.Point.AFTER_CREATE_ANSWER, w.claim.id());
    w.trId = tr.value();
    return delivered(w, null, List.of(), p);
  }

  private static List<String> uris(Payloads.Export p, Work w) {
    return p.files().isEmpty()
        ? p.references()
        : w.fileIds.stream().map(String::valueOf).collect(Collectors.toList());
  }

  private Result settleExport(Work w, Payloads.Export p, CalmException lost) {
    List<String> uris = uris(p, w);
    // the create cannot have been sent before the entry was stored: the submit time bounds the search
    LostAnswers.ExportSettlement s = lostAnswers.export(p, uris, Instant.ofEpochMilli(w.claim.createdAt()));
    if (s.settled()) {
      LOG.info("Entry {}: the create call's answer was lost; found transport request {} by reading the queues",
          w.claim.id(), s.found());
      w.trId = s.found().value();
      return delivered(w, null, s.checks(), p);
    }
    String why = (s.matches() == 0
        ? "no queue searched holds a transport request with entries " + uris
        : s.matches() + " transport requests hold entries " + uris) + " (" + s.summary() + ")";
    return unresolved(w, "the answer to the create call was lost"
        + (lost != null ? " (" + lost.summary() + ")" : " (the relay stopped while it was in flight)")
        + " and " + why + "; check Cloud ALM, then requeue the entry only if no transport request was created",
        s.checks());
  }

  // --- import and retry --------------------------------------------------------------------------------------

  private Result start(Work w, boolean retry) {
    ImportRequest imp = retry ? null : Payloads.importRequest(w.claim.payload());
    RetryRequest ret = retry ? Payloads.retry(w.claim.payload()) : null;
    if (w.step.equals(StoredEntry.STEP_STARTING)) {
      return settleStart(w, retry, imp, ret, null);
    }
    hook.at(StepHook.Point.BEFORE_START, w.claim.id());
    store.saveStep(w.claim, StoredEntry.STEP_STARTING, w.fileIds, w.trId, options.lease().toMillis(), clock.millis());
    w.step = StoredEntry.STEP_STARTING;
    ImportAction action;
    try {
      action = retry ? deployment.retry(ret) : deployment.importTransports(imp);
    } catch (CalmAmbiguousOutcomeException lost) {
      return settleStart(w, retry, imp, ret, lost);
    } catch (CalmException notSent) {
      w.step = StoredEntry.STEP_NEW;
      throw notSent;
    }
    hook.at(StepHook.Point.AFTER_START_ANSWER, w.claim.id());
    return finishStarted(w, action.actionId().value(), List.of());
  }

  private Result settleStart(Work w, boolean retry, ImportRequest imp, RetryRequest ret, CalmException lost) {
    // sent after this claim when the answer was lost in this pass; after a restart, after the submit (an import)
    // or about when this claim took it over (a retry, whose earlier failed import must not count as evidence)
    Instant sentAt = Instant.ofEpochMilli(lost != null || retry ? w.claim.updatedAt() : w.claim.createdAt());
    LostAnswers.StartSettlement s = retry
        ? lostAnswers.start(true, ret.node(), ret.transportRequests(), sentAt)
        : lostAnswers.start(false, imp.node(), imp.transportRequests(), sentAt);
    if (s.applied()) {
      LOG.info("Entry {}: the {} call's answer was lost; the statuses show it was applied", w.claim.id(),
          retry ? "retry" : "import");
      return finishStarted(w, null, s.checks());
    }
    return unresolved(w, "the answer to the " + (retry ? "retry" : "import") + " call was lost"
        + (lost != null ? " (" + lost.summary() + ")" : " (the relay stopped while it was in flight)")
        + " and the statuses and logs do not show it applied (" + s.summary() + "); imports start"
        + " asynchronously, so check the node's import"
        + " history, then requeue the entry only if it was not imported", s.checks());
  }

  private Result finishStarted(Work w, Long actionId, List<String> checks) {
    store.finish(w.claim, "delivered", StoredEntry.STEP_DONE, w.trId, actionId, null, checks, 0, clock.millis());
    return Result.DELIVERED;
  }

  // --- endings -----------------------------------------------------------------------------------------------

  private Result delivered(Work w, Long actionId, List<String> checks, Payloads.Export p) {
    store.finish(w.claim, "delivered", StoredEntry.STEP_DONE, w.trId, actionId, null, checks, 0, clock.millis());
    for (Payloads.SpoolFile f : p.files()) {
      if (f.spooled()) {
        Spool.deleteQuietly(f.path());
      }
    }
    return Result.DELIVERED;
  }

  private Result unresolved(Work w, String why, List<String> checks) {
    store.finish(w.claim, "unresolved", w.step, w.trId, null, why, checks, 0, clock.millis());
    LOG.warn("Entry {} is unresolved: {}", w.claim.id(), why);
    return Result.UNRESOLVED;
  }

  private Result fail(Work w, String why) {
    store.finish(w.claim, "failed", w.step, w.trId, null, why, List.of(), 0, clock.millis());
    LOG.warn("Entry {} failed: {}", w.claim.id(), why);
    return Result.FAILED;
  }

  private Result failedCall(Work w, CalmException e) {
    if (permanent(e)) {
      return fail(w, "refused by Cloud ALM" + (e.status() > 0 ? " (HTTP " + e.status() + ")" : "") + ": "
          + e.summary());
    }
    if (w.claim.attempts() >= options.maxAttempts()) {
      return fail(w, "gave up after " + w.claim.attempts() + " attempts; last error: " + e.summary());
    }
    long delay = Math.max(1, backoff.delayMillis(w.claim.attempts()));
    store.finish(w.claim, "pending", w.step, w.trId, null, e.summary(), List.of(), delay, clock.millis());
    LOG.info("Entry {}: {}; next attempt in {} ms", w.claim.id(), e.summary(), delay);
    return Result.RETRY;
  }

  /** A 4xx other than 408 and 429, a refused retry, or bad input: sending it again cannot help. */
  static boolean permanent(CalmException e) {
    if (e instanceof CalmValidationException || e instanceof TransportNotRetryableException
        || e instanceof io.github.calmsdk.core.error.CalmNotFoundException) {
      return true;
    }
    int s = e.status();
    return s >= 400 && s < 500 && s != 408 && s != 429;
  }

  /** A file named by an entry is gone. */
  static final class SpoolFileMissing extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SpoolFileMissing(String message) {
      super(message);
    }
  }
}
