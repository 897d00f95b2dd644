package io.github.calmsdk.deployment;

/**
 * What an {@link OutcomeResolver} found when it read the server's state after a lost answer.
 *
 * <pre>{@code
 * ExportLookup look = deployment.resolver().findExport(lost);
 * if (look.finding() == Finding.NOT_FOUND) {
 *   // no transport request holds the file ids: the create was not processed (or not yet visible)
 * }
 * }</pre>
 */
public enum Finding {
  /** Exactly what was looked for was found: one transport request, or every status asked for. */
  FOUND,
  /** What was looked for is not there: no matching transport request, or a transport request not in the queue. */
  NOT_FOUND,
  /** More than one transport request matches; the resolver does not guess. */
  SEVERAL,
  /** The state could not be read (a failed call, or a node not in the node list); nothing follows from it. */
  UNREADABLE
}
