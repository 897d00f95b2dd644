package io.github.calmsdk.deployment;

import io.github.calmsdk.deployment.internal.DeploymentChecks;
import io.github.calmsdk.core.error.CalmValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Which transport requests of a node to move explicitly: {@link DeploymentClient#forward(TransitionRequest)},
 * {@link DeploymentClient#reset(TransitionRequest)} or {@link DeploymentClient#remove(TransitionRequest)}. Duplicate
 * ids are sent once.
 *
 * <pre>{@code
 * deployment.reset(TransitionRequest.of(NodeName.of("QAS_NODE"), TransportRequestId.of(4711)));
 * }</pre>
 *
 * @param node the node whose queue holds them
 * @param transportRequests the transport requests, at least one
 * @param namedUser the named user recorded, or null
 */
public record TransitionRequest(NodeRef node, List<TransportRequestId> transportRequests, String namedUser) {
  /**
   * Checks the request.
   *
   * @throws CalmValidationException when the node is missing, the list is empty or the named user is too long
   */
  public TransitionRequest {
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
  public static TransitionRequest of(NodeRef node, TransportRequestId... ids) {
    return new TransitionRequest(node, ids == null ? null : Arrays.asList(ids), null);
  }

  /**
   * A request without a named user.
   *
   * @param node the node
   * @param ids the transport requests, at least one
   * @return the request
   * @throws CalmValidationException when no id is given
   */
  public static TransitionRequest of(NodeRef node, Collection<TransportRequestId> ids) {
    return new TransitionRequest(node, ids == null ? null : new ArrayList<>(ids), null);
  }

  /**
   * A copy with a named user.
   *
   * @param namedUser at most 60 characters, or null
   * @return the copy
   * @throws CalmValidationException when the name is too long
   */
  public TransitionRequest withNamedUser(String namedUser) {
    return new TransitionRequest(node, transportRequests, namedUser);
  }
}
