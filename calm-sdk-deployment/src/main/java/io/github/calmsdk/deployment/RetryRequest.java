package io.github.calmsdk.deployment;

import io.github.calmsdk.deployment.internal.DeploymentChecks;
import io.github.calmsdk.core.error.CalmValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Which transport requests to import again. The client reads each one's status first and does what the status needs:
 * {@code error}, {@code skipped} and {@code succeeded} are reset and then imported; {@code fatal}, {@code repeat} and
 * {@code initial} are imported directly; anything else ({@code running}, {@code deleted}, archived, not in the
 * queue, unknown) is refused before anything is sent. The status sets are configurable in {@link
 * DeploymentOptions}.
 *
 * <pre>{@code
 * ImportAction a = deployment.retry(RetryRequest.of(NodeName.of("QAS_NODE"), TransportRequestId.of(4711))
 *     .withNamedUser("jane"));
 * ImportOutcome o = a.await(Duration.ofMinutes(30));
 * }</pre>
 *
 * @param node the node whose queue holds them
 * @param transportRequests the transport requests, at least one
 * @param namedUser the named user recorded, or null
 */
public record RetryRequest(NodeRef node, List<TransportRequestId> transportRequests, String namedUser) {
  /**
   * Checks the request.
   *
   * @throws CalmValidationException when the node is missing, the list is empty or the named user is too long
   */
  public RetryRequest {
    transportRequests = DeploymentChecks.nodeTransports(node, transportRequests, namedUser);
  }

  /**
   * A request without a named user.
   *
   * @param node the node
   * @param ids the transport requests, at least one
   * @return the request
   * @throws CalmValidationException when no id is given
   */
  public static RetryRequest of(NodeRef node, TransportRequestId... ids) {
    return new RetryRequest(node, ids == null ? null : Arrays.asList(ids), null);
  }

  /**
   * A request without a named user.
   *
   * @param node the node
   * @param ids the transport requests, at least one
   * @return the request
   * @throws CalmValidationException when no id is given
   */
  public static RetryRequest of(NodeRef node, Collection<TransportRequestId> ids) {
    return new RetryRequest(node, ids == null ? null : new ArrayList<>(ids), null);
  }

  /**
   * A copy with a named user.
   *
   * @param namedUser at most 60 characters, or null
   * @return the copy
   * @throws CalmValidationException when the name is too long
   */
  public RetryRequest withNamedUser(String namedUser) {
    return new RetryRequest(node, transportRequests, namedUser);
  }
}
