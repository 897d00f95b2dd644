package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.deployment.StatusFilter;
import io.github.calmsdk.deployment.Tms231Reads;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the TMS 2.3.1 single reads are used, and what the client learnt about them: one flag per endpoint, set
 * once the service shows it does not serve it and kept for the client's lifetime. Thread-safe.
 *
 * <p>The rule that tells "endpoint absent" from "this transport request not found", since both may be a 404:
 * <ul>
 *   <li>405: absent.
 *   <li>404 without the service's own error object ({@code errorType}): absent (a router or framework answered).
 *   <li>404 with the service's error object: ambiguous. The queue is listed for this call; if it holds the
 *       transport request, the endpoint answered "not found" for one that exists, so it is absent. If it does not,
 *       the 404 was about the transport request and the endpoint stays in use.
 *   <li>A 2xx answer without what is needed (no {@code status}; for tracking no {@code nodes} array): the schema
 *       is not what the client reads, so the endpoint is not used again.
 * </ul>
 */
final class SingleReads {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.deployment");

  /** The two 2.3.1 endpoints. */
  enum Endpoint {
    NODE_TRANSPORT_REQUEST("GET /v2/nodes/{nodeId}/transportRequests/{id}"),
    TRACKING("GET /v2/transportRequests/{id}/tracking");

    final String path;

    Endpoint(String path) {
      this.path = path;
    }
  }

  /** What a failed single read says about its endpoint. */
  enum Verdict {
    /** The endpoint is not served. */
    ABSENT,
    /** A 404 from the service itself: the endpoint, or only this transport request, is missing. */
    UNCLEAR,
    /** Any other failure, passed on. */
    OTHER
  }

  private final Tms231Reads mode;
  private final StatusFilter statusFilter;
  private final AtomicBoolean nodeTrAbsent = new AtomicBoolean();
  private final AtomicBoolean trackingAbsent = new AtomicBoolean();

  SingleReads(Tms231Reads mode, StatusFilter statusFilter) {
    this.mode = mode;
    this.statusFilter = statusFilter;
  }

  /**
   * Whether reading {@code ids} transport requests one by one takes no more calls than listing the queue with
   * {@code statusCodes} status codes (one call with a comma list, one per status otherwise). On a tie the single
   * reads win: their answer is one element instead of the whole queue.
   */
  boolean worthIt(int ids, int statusCodes) {
    if (mode != Tms231Reads.AUTO || nodeTrAbsent.get() || ids <= 0) {
      return false;
    }
    int scanCalls = statusFilter == StatusFilter.COMMA_LIST ? 1 : statusCodes;
    return ids <= scanCalls;
  }

  boolean trackingUsable() {
    return mode == Tms231Reads.AUTO && !trackingAbsent.get();
  }

  boolean absent(Endpoint e) {
    return (e == Endpoint.TRACKING ? trackingAbsent : nodeTrAbsent).get();
  }

  void markAbsent(Endpoint e, String why) {
    if ((e == Endpoint.TRACKING ? trackingAbsent : nodeTrAbsent).compareAndSet(false, true)) {
      LOG.info("{} (TMS API 2.3.1) is not used again by this client: {}; listing queues instead", e.path, why);
    }
  }

  static Verdict verdict(CalmException e) {
    if (e.status() == 405) {
      return Verdict.ABSENT;
    }
    if (e.status() == 404) {
      return e.errorCode() == null ? Verdict.ABSENT : Verdict.UNCLEAR;
    }
    return Verdict.OTHER;
  }
}
