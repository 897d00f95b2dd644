package io.github.calmsdk.deployment;

import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.core.error.CalmValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to watch: one node's queue, the statuses to list (all by default, so that every move between statuses is
 * seen), how often to poll, and whether the first poll (the baseline) is reported.
 *
 * <pre>{@code
 * WatchRequest every5min = WatchRequest.of(NodeName.of("PRD_NODE"));
 * WatchRequest custom = WatchRequest.builder()
 *     .node(NodeId.of(17))
 *     .interval(Duration.ofMinutes(1))
 *     .emitBaseline(true)
 *     .build();
 * }</pre>
 *
 * @param node the node whose queue is polled
 * @param statuses the statuses listed in each poll; a transport request moving to a status outside them is
 *     reported with an empty {@code to}
 * @param interval the time between polls, or null for {@link DeploymentOptions#watchInterval()} (5 minutes)
 * @param emitBaseline whether every transport request of the first poll is reported as a change from nothing
 * @param transportRequests the transport requests to watch; empty for the whole queue. With given transport
 *     requests, each poll reads them one by one through the TMS 2.3.1 single read when that takes no more calls
 *     than listing the queue (see {@link DeploymentOptions#tms231Reads()}), else lists the queue and keeps them
 */
public record WatchRequest(
    NodeRef node,
    Set<TransportStatus> statuses,
    Duration interval,
    boolean emitBaseline,
    List<TransportRequestId> transportRequests) {
  /**
   * Checks the request.
   *
   * @throws CalmValidationException when the node is missing, a status has no query code, or the interval is not
   *     positive
   */
  public WatchRequest {
    Checks.present("node", node, "pass a NodeId or NodeName");
    statuses =
        statuses == null || statuses.isEmpty()
            ? Set.copyOf(TransportStatus.QUERYABLE)
            : TransportQuery.checkStatuses(statuses);
    if (interval != null) {
      Checks.positive("interval", interval);
    }
    transportRequests =
        List.copyOf(new LinkedHashSet<>(Checks.copyOf(transportRequests, i -> "transportRequests[" + i + "]")));
  }

  /**
   * A watch of the whole queue, as before transport requests could be given.
   *
   * <pre>{@code
   * WatchRequest r = new WatchRequest(NodeName.of("QAS"), null, null, false);
   * }</pre>
   *
   * @param node the node whose queue is polled
   * @param statuses the statuses listed in each poll
   * @param interval the time between polls, or null for the client's
   * @param emitBaseline whether the first poll is reported
   */
  public WatchRequest(NodeRef node, Set<TransportStatus> statuses, Duration interval, boolean emitBaseline) {
    this(node, statuses, interval, emitBaseline, List.of());
  }

  /**
   * Watches every status of a node's queue at the client's interval, without reporting the baseline.
   *
   * @param node the node
   * @return the request
   */
  public static WatchRequest of(NodeRef node) {
    return new WatchRequest(node, null, null, false);
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link WatchRequest}.
   *
   * <pre>{@code
   * WatchRequest r = WatchRequest.builder().node(NodeName.of("QAS")).interval(Duration.ofMinutes(2)).build();
   * }</pre>
   */
  public static final class Builder {
    private NodeRef node;
    private final Set<TransportStatus> statuses = new LinkedHashSet<>();
    private Duration interval;
    private boolean emitBaseline;
    private final List<TransportRequestId> transportRequests = new ArrayList<>();

    private Builder() {}

    /**
     * Restricts the watch to given transport requests; unset, the whole queue is watched.
     *
     * @param ids the transport requests
     * @return this builder
     */
    public Builder transportRequests(Collection<TransportRequestId> ids) {
      this.transportRequests.addAll(ids);
      return this;
    }

    /**
     * Sets the node.
     *
     * @param node a NodeId or NodeName
     * @return this builder
     */
    public Builder node(NodeRef node) {
      this.node = node;
      return this;
    }

    /**
     * Restricts the watch to statuses; unset, every status is watched.
     *
     * @param statuses the statuses
     * @return this builder
     */
    public Builder statuses(Collection<TransportStatus> statuses) {
      this.statuses.addAll(statuses);
      return this;
    }

    /**
     * Sets the time between polls.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder interval(Duration interval) {
      this.interval = interval;
      return this;
    }

    /**
     * Sets whether the first poll is reported.
     *
     * @param emit true to report every transport request of the first poll as new
     * @return this builder
     */
    public Builder emitBaseline(boolean emit) {
      this.emitBaseline = emit;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws CalmValidationException naming the field that breaks a rule
     */
    public WatchRequest build() {
      return new WatchRequest(node, statuses, interval, emitBaseline, transportRequests);
    }
  }
}
