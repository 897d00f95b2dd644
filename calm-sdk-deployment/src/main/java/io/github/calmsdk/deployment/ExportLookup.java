package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link OutcomeResolver#findExport(LostExport)}: the transport request a lost export created, or why
 * none can be named.
 *
 * <pre>{@code
 * ExportLookup look = deployment.resolver().findExport(lost);
 * look.found().ifPresentOrElse(
 *     r -> System.out.println("created " + r.transportRequestId()),
 *     () -> System.out.println(look.finding() + ": " + look.summary() + " " + look.checks()));
 * }</pre>
 *
 * @param finding {@code FOUND} (exactly one match), {@code NOT_FOUND}, {@code SEVERAL} or {@code UNREADABLE}
 * @param matches the matching transport requests as export results ({@link ExportResult#recovered()} true, no
 *     uploaded files), with the queues they were found in
 * @param summary what was found, in a few words, such as {@code several transport requests match ([98, 99])}
 * @param checks each read made, in order, such as {@code GET /v2/nodes/2/transportRequests (node QAS): found 99}
 * @param failure the read that failed, for {@code UNREADABLE}; otherwise null
 */
public record ExportLookup(
    Finding finding, List<ExportResult> matches, String summary, List<String> checks, CalmException failure) {
  /** Checks and copies the values. */
  public ExportLookup {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(summary, "summary");
    matches = List.copyOf(matches);
    checks = List.copyOf(checks);
  }

  /**
   * The transport request, when exactly one matches.
   *
   * @return the match, empty unless {@code FOUND}
   */
  public Optional<ExportResult> found() {
    return finding == Finding.FOUND ? Optional.of(matches.get(0)) : Optional.empty();
  }
}
