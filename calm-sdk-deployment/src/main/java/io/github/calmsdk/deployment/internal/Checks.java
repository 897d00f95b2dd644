package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.TransportRequestId;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Input checks shared by the request types; each failure names the field and the fix. The generic checks are those
 * of {@link io.github.calmsdk.core.internal.Checks}; the API's length limits and the named-user rule are this
 * module's own.
 */
public final class Checks {
  /** Longest node name the API accepts. */
  public static final int NODE_NAME_MAX = 30;
  /** Longest description the API accepts. */
  public static final int DESCRIPTION_MAX = 512;
  /** Longest named user the API accepts. */
  public static final int NAMED_USER_MAX = 60;
  /** Longest entry URI the API accepts. */
  public static final int ENTRY_URI_MAX = 256;

  private Checks() {}

  /**
   * Checks a text against a length limit.
   *
   * @param field the field
   * @param value the value, not null
   * @param max the limit
   * @param hint what to do instead
   * @return the value
   */
  public static String maxLength(String field, String value, int max, String hint) {
    return io.github.calmsdk.core.internal.Checks.maxLength(field, value, max, hint);
  }

  /**
   * Checks that a required text is present and not blank.
   *
   * @param field the field
   * @param value the value
   * @param hint what to pass
   * @return the value
   */
  public static String required(String field, String value, String hint) {
    return io.github.calmsdk.core.internal.Checks.required(field, value, hint);
  }

  /**
   * Checks a required value.
   *
   * @param field the field
   * @param value the value
   * @param hint what to pass
   * @param <T> the type
   * @return the value
   */
  public static <T> T present(String field, T value, String hint) {
    return io.github.calmsdk.core.internal.Checks.present(field, value, hint);
  }

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
    return maxLength("namedUser", namedUser, NAMED_USER_MAX, "pass a shorter user name");
  }

  /**
   * Checks that a list is not empty and returns an immutable copy.
   *
   * @param field the field
   * @param values the values
   * @param hint what to pass
   * @param <T> the element type
   * @return the copy
   */
  public static <T> List<T> nonEmpty(String field, Collection<T> values, String hint) {
    return io.github.calmsdk.core.internal.Checks.nonEmpty(field, values, hint);
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
    present("node", node, "pass a NodeId or NodeName");
    List<TransportRequestId> ids =
        List.copyOf(
            new LinkedHashSet<>(
                nonEmpty("transportRequests", transportRequests, "pass at least one transport request id")));
    namedUser(namedUser);
    return ids;
  }

  /**
   * Copies a possibly null list, rejecting null elements.
   *
   * @param values the values, or null for none
   * @param fieldOf the field name of element i
   * @param <T> the element type
   * @return the copy
   */
  public static <T> List<T> copyOf(List<T> values, IntFunction<String> fieldOf) {
    if (values == null) {
      return List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new CalmValidationException(fieldOf.apply(i), "is null; remove it or pass a value");
      }
    }
    return List.copyOf(values);
  }

  /**
   * Checks that a duration is positive.
   *
   * @param field the field
   * @param d the duration
   * @return the duration
   */
  public static Duration positive(String field, Duration d) {
    return io.github.calmsdk.core.internal.Checks.positive(field, d);
  }
}
