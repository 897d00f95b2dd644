package io.github.calmsdk.features.internal;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.core.event.AmbiguousOutcome;
import io.github.calmsdk.core.event.AmbiguousOutcome.Resolution;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.features.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A feature update from PATCH to the feature as it now stands.
 *
 * <ul>
 *   <li>PATCH answered 200 with a feature: that feature.
 *   <li>PATCH answered 204 (or with a body that is no feature): the feature read back with one GET.
 *   <li>PATCH whose outcome is unknown (a 5xx, a timeout, a connection lost after sending): the feature is read
 *       (one GET). If it shows every requested value, the update was applied and is not sent again. If it does
 *       not, the PATCH was not applied (a PATCH changes all its fields or none) and is sent once more. If it cannot
 *       be read, the ambiguous-outcome exception is thrown, with the read's failure suppressed in it. Each case is
 *       reported to the listener as an {@link AmbiguousOutcome}.
 * </ul>
 */
final class UpdateFlow {
  static final String OPERATION = "features.update";

  private final FeaturesApi api;
  private final CalmListener listener;

  UpdateFlow(FeaturesApi api, CalmListener listener) {
    this.api = api;
    this.listener = listener;
  }

  Feature run(String uuid, Map<String, String> changes) {
    Optional<Feature> answer;
    try {
      answer = api.update(uuid, changes);
    } catch (CalmAmbiguousOutcomeException e) {
      return settle(uuid, changes, e);
    }
    return answer.orElseGet(() -> readBack(uuid));
  }

  private Feature settle(String uuid, Map<String, String> changes, CalmAmbiguousOutcomeException lost) {
    List<String> checks = new ArrayList<>();
    String where = "GET /Features/" + uuid;
    Optional<Feature> now;
    try {
      now = api.feature(uuid, "");
    } catch (CalmException read) {
      checks.add(where + ": unreadable (" + read.summary() + ")");
      lost.addSuppressed(read);
      report(lost, Resolution.UNRESOLVED, checks);
      throw lost;
    }
    if (now.isEmpty()) {
      checks.add(where + ": 404");
      report(lost, Resolution.UNRESOLVED, checks);
      throw lost;
    }
    if (shows(now.get(), changes)) {
      checks.add(where + ": shows every requested value " + changes.keySet());
      report(lost, Resolution.APPLIED, checks);
      return now.get();
    }
    checks.add(where + ": does not show the requested values " + changes.keySet() + "; PATCH sent once more");
    report(lost, Resolution.NOT_APPLIED_RESENT, checks);
    return api.update(uuid, changes).orElseGet(() -> readBack(uuid));
  }

  /** Whether a feature holds every requested value (a requested null: the field is unset). */
  static boolean shows(Feature f, Map<String, String> changes) {
    for (Map.Entry<String, String> c : changes.entrySet()) {
      String actual =
          switch (c.getKey()) {
            case "title" -> f.title();
            case "description" -> f.description();
            case "statusCode" -> f.statusCode();
            case "priorityCode" -> f.priorityCode();
            case "releaseId" -> f.releaseId();
            case "scopeId" -> f.scopeId();
            case "responsibleId" -> f.responsibleId();
            default -> f.other(c.getKey()).map(String::valueOf).orElse(null);
          };
      if (!Objects.equals(actual, c.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The feature after a PATCH that was applied but answered without it. */
  private Feature readBack(String uuid) {
    return api.feature(uuid, "")
        .orElseThrow(
            () ->
                new CalmNotFoundException(
                    "feature " + uuid + " was changed, but reading it back found no feature by that uuid",
                    ErrorDetails.none(),
                    null));
  }

  private void report(CalmException lost, Resolution resolution, List<String> checks) {
    if (listener != CalmListener.noop()) {
      listener.ambiguousOutcome(new AmbiguousOutcome(OPERATION, lost.requestId(), resolution, checks));
    }
  }
}
