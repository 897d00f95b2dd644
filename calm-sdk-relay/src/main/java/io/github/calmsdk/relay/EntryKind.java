package io.github.calmsdk.relay;

/**
 * What an entry of the relay sends.
 *
 * <pre>{@code
 * if (entry.kind() == EntryKind.EXPORT) System.out.println(entry.transportRequestId());
 * }</pre>
 */
public enum EntryKind {
  /** Upload the files (if any) and create one transport request. */
  EXPORT,
  /** Start an import of chosen transport requests, or of all, into a node. */
  IMPORT,
  /** Import transport requests again, resetting those that need it. */
  RETRY;

  /**
   * The name stored and printed, such as {@code export}.
   *
   * @return the lower-case name
   */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The kind of a stored name.
   *
   * @param name such as {@code export}
   * @return the kind
   * @throws IllegalArgumentException when the name is none of the kinds
   */
  public static EntryKind of(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }
}
