package io.github.calmsdk.relay.internal;

import java.util.List;

/**
 * A row of {@code relay_entry}. A claimed row carries the owner and version that every step update must match
 * (fencing).
 */
public record StoredEntry(
    long id,
    String kind,
    String state,
    String seqKey,
    String step,
    int attempts,
    long nextAttemptAt,
    String payload,
    List<Long> fileIds,
    Long transportRequestId,
    Long actionId,
    String lastError,
    List<String> checks,
    String owner,
    Long leaseUntil,
    long version,
    long createdAt,
    long updatedAt) {
  /** Copies the lists. */
  public StoredEntry {
    fileIds = fileIds == null ? List.of() : List.copyOf(fileIds);
    checks = checks == null ? List.of() : List.copyOf(checks);
  }

  /** Steps of an entry; each is persisted before the call that may change state in Cloud ALM. */
  public static final String STEP_NEW = "new";
  /** The create call of an export may have been sent: never send it again, settle by reading. */
  public static final String STEP_CREATING = "creating";
  /** The import or retry call may have been sent: never send it again, settle by reading. */
  public static final String STEP_STARTING = "starting";
  /** Every step done. */
  public static final String STEP_DONE = "done";
}
