package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.TransportRequestId;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Input checks shared by the request types; each failure names the field and the fix. The generic checks are those
 * of {@link io.github.calmsdk.core.internal.Checks}; the API's length limits and the named-user rule are this
 * module's own.
 */
public final class DeploymentChecks {
  /** Longest node name the API accepts. */
  public static final int NODE_NAME_MAX = 30;
  /** Longest description the API accepts. */
  public static final int DESCRIPTION_MAX = 512;
  /** Longest named user the API accepts. */
  public static final int NAMED_USER_MAX = 60;
  /** Longest entry URI the API accepts. */
  public static final int ENTRY_URI_MAX = 256;

  private DeploymentChecks() {}




  /**
   * Checks an optional named user: absent, or 1 to 60 characters.
   *
   * @param namedUser the value, or null
   * @return the value
   */
  public static String namedUser(String namedUser) {
    if (namedUser == null) {
      return null;
    }
    if (namedUser.isBlank()) {
      throw new CalmValidationException("namedUser", "is blank; leave it unset or pass the user's name");
    }
    return Checks.maxLength("namedUser", namedUser, NAMED_USER_MAX, "pass a shorter user name");
  }


  /**
   * Checks a request that names transport requests in one node's queue (a retry or an explicit transition): the node
   * is required, the list must hold at least one id and no null, and the named user follows {@link
   * #namedUser(String)}, checked in that order.
   *
   * @param node the node
   * @param transportRequests the transport requests
   * @param namedUser the named user, or null
   * @return the transport requests without duplicates, in their first order, immutable
   */
  public static List<TransportRequestId> nodeTransports(
      NodeRef node, List<TransportRequestId> transportRequests, String namedUser) {
    Checks.present("node", node, "pass a NodeId or NodeName");
    List<TransportRequestId> ids =
        List.copyOf(
            new LinkedHashSet<>(
                Checks.nonEmpty("transportRequests", transportRequests, "pass at least one transport request id")));
    namedUser(namedUser);
    return ids;
  }


}
