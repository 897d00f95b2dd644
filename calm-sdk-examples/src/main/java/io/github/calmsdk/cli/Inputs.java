package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the SDK's typed values from command-line words: nodes, transport request ids, statuses, content types. */
final class Inputs {
  /** The status names the command line takes, in the API's order. */
  static final String STATUS_NAMES = "initial, running, repeatable, succeeded, skipped, warning, error, fatal, deleted";

  private static final List<ContentType> CONTENT_TYPES =
      List.of(ContentType.MTA, ContentType.BTP_ABAP, ContentType.APP, ContentType.XSCDU);

  private Inputs() {}

  /** A node: a number is its id, anything else its name. */
  static NodeRef node(String option, String text) {
    String t = text.trim();
    if (t.matches("\\d{1,18}")) {
      long id = Long.parseLong(t);
      if (id <= 0) {
        throw new UsageException(option + ": node ids are positive numbers; see them with 'calm nodes'");
      }
      return NodeId.of(id);
    }
    return NodeName.of(t);
  }

  /** Transport request ids: positive numbers. */
  static List<TransportRequestId> transportRequests(String option, List<String> texts) {
    List<TransportRequestId> ids = new ArrayList<>();
    for (String t : texts) {
      if (!t.matches("\\d{1,18}") || Long.parseLong(t) <= 0) {
        throw new UsageException(
            option + ": '" + t + "' is not a transport request id; ids are positive numbers such as 42");
      }
      ids.add(TransportRequestId.of(Long.parseLong(t)));
    }
    return ids;
  }

  /** Statuses by name ({@code error}, {@code repeatable}) or two-letter query code ({@code er}). */
  static Set<TransportStatus> statuses(String option, List<String> texts) {
    Set<TransportStatus> out = new LinkedHashSet<>();
    for (String t : texts) {
      out.add(status(option, t));
    }
    return out;
  }

  private static TransportStatus status(String option, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    TransportStatus.Kind kind = TransportStatus.of(t).kind();
    for (TransportStatus s : TransportStatus.QUERYABLE) {
      if (s.kind() == kind || s.queryCode().orElseThrow().equals(t)) {
        return s;
      }
    }
    throw new UsageException(option + ": '" + text + "' is not a status; use one or more of " + STATUS_NAMES);
  }

  /** One of the documented content types, in any case. */
  static ContentType contentType(String option, String text) {
    for (ContentType c : CONTENT_TYPES) {
      if (c.value().equalsIgnoreCase(text.trim())) {
        return c;
      }
    }
    throw new UsageException(option + ": '" + text + "' is not a content type; use MTA, BTP_ABAP, APP or XSCDU");
  }

  /** A positive whole number. */
  static int positive(String option, String text) {
    if (!text.trim().matches("\\d{1,9}") || Integer.parseInt(text.trim()) <= 0) {
      throw new UsageException(option + ": '" + text + "' is not a positive whole number");
    }
    return Integer.parseInt(text.trim());
  }
}
