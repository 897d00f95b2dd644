package io.github.calmsdk.relay;

import io.github.calmsdk.deployment.ActionId;
import io.github.calmsdk.deployment.TransportRequestId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the relay's outbox, as stored. It holds no secrets: the payload is the request without credentials.
 *
 * <pre>{@code
 * RelayEntry e = relay.entry(id).orElseThrow();
 * System.out.println(e.state() + " " + e.transportRequestId().map(Object::toString).orElse("-"));
 * }</pre>
 *
 * @param id the entry id, given at submit
 * @param kind export, import or retry
 * @param state where it stands
 * @param attempts how many times a relay node has claimed it
 * @param nextAttemptAt when it is due next (meaningful while pending)
 * @param fileIds the uploaded file ids of an export, once uploaded
 * @param transportRequestId the transport request an export created, once known
 * @param actionId the import action an import or retry started, once known
 * @param lastError the last error, when there was one
 * @param checks what was read to settle a lost answer (for {@link EntryState#UNRESOLVED}), else empty
 * @param createdAt when it was submitted
 * @param updatedAt when it last changed
 */
public record RelayEntry(
    long id,
    EntryKind kind,
    EntryState state,
    int attempts,
    Instant nextAttemptAt,
    List<Long> fileIds,
    Optional<TransportRequestId> transportRequestId,
    Optional<ActionId> actionId,
    Optional<String> lastError,
    List<String> checks,
    Instant createdAt,
    Instant updatedAt) {
  /** Copies the lists and checks the required fields. */
  public RelayEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(state, "state");
    fileIds = fileIds == null ? List.of() : List.copyOf(fileIds);
    checks = checks == null ? List.of() : List.copyOf(checks);
    transportRequestId = transportRequestId == null ? Optional.empty() : transportRequestId;
    actionId = actionId == null ? Optional.empty() : actionId;
    lastError = lastError == null ? Optional.empty() : lastError;
  }
}
