package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.relay.EntryState;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the SDK's typed values from command-line words: nodes, transport request ids, statuses, content types.
 * A bad word is a {@link UsageException} saying what is wrong with it; {@link ParameterErrors} puts the option's
 * name in front ({@code --tr: 'abc' is not a transport request id; ...}).
 */
final class Inputs {
  /** The status names the command line takes, in the API's order. */
  static final String STATUS_NAMES = "initial, running, repeatable, succeeded, skipped, warning, error, fatal, deleted";

  private static final List<ContentType> CONTENT_TYPES =
      List.of(ContentType.MTA, ContentType.BTP_ABAP, ContentType.APP, ContentType.XSCDU);

  private Inputs() {}

  /** A node: a number is its id, anything else its name. */
  static NodeRef node(String text) {
    String t = text.trim();
    if (t.matches("\\d{1,18}")) {
      long id = Long.parseLong(t);
      if (id <= 0) {
        throw new UsageException("node ids are positive numbers; see them with 'calm nodes'");
      }
      return NodeId.of(id);
    }
    return NodeName.of(t);
  }

  /** A transport request id: a positive number. */
  static TransportRequestId transportRequest(String text) {
    String t = text.trim();
    if (!t.matches("\\d{1,18}") || Long.parseLong(t) <= 0) {
      throw new UsageException("'" + text + "' is not a transport request id; ids are positive numbers such as 42");
    }
    return TransportRequestId.of(Long.parseLong(t));
  }

  /** A status by name ({@code error}, {@code repeatable}) or two-letter query code ({@code er}). */
  static TransportStatus status(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    TransportStatus.Kind kind = TransportStatus.of(t).kind();
    for (TransportStatus s : TransportStatus.QUERYABLE) {
      if (s.kind() == kind || s.queryCode().orElseThrow().equals(t)) {
        return s;
      }
    }
    throw new UsageException("'" + text + "' is not a status; use one or more of " + STATUS_NAMES);
  }

  /** One of the documented content types, in any case. */
  static ContentType contentType(String text) {
    for (ContentType c : CONTENT_TYPES) {
      if (c.value().equalsIgnoreCase(text.trim())) {
        return c;
      }
    }
    throw new UsageException("'" + text + "' is not a content type; use MTA, BTP_ABAP, APP or XSCDU");
  }

  /** The names of the content types, for help and shell completion. */
  static List<String> contentTypeNames() {
    return CONTENT_TYPES.stream().map(ContentType::value).toList();
  }

  /** A positive whole number. */
  static int positive(String text) {
    if (!text.trim().matches("\\d{1,9}") || Integer.parseInt(text.trim()) <= 0) {
      throw new UsageException("'" + text + "' is not a positive whole number");
    }
    return Integer.parseInt(text.trim());
  }

  /** A relay entry's state by its name, such as {@code failed}. */
  static EntryState entryState(String text) {
    for (EntryState s : EntryState.values()) {
      if (s.wireName().equalsIgnoreCase(text.trim())) {
        return s;
      }
    }
    throw new UsageException("'" + text + "' is not a relay entry state; use one of " + Arrays.stream(EntryState.values())
        .map(EntryState::wireName).collect(Collectors.joining(", ")));
  }

  /** A relay entry's id: a positive whole number. */
  static long entryId(String text) {
    String t = text.trim();
    if (!t.matches("\\d{1,18}") || Long.parseLong(t) <= 0) {
      throw new UsageException("'" + text + "' is not an entry id; use the ID that 'calm relay list' shows");
    }
    return Long.parseLong(t);
  }

  /** A TCP port, or 0 for a free one. */
  static int port(String text) {
    String t = text.trim();
    if (!t.matches("\\d{1,5}") || Integer.parseInt(t) > 65535) {
      throw new UsageException("'" + text + "' is not a port; use 1 to 65535, or 0 for a free one");
    }
    return Integer.parseInt(t);
  }

  /** A file path. */
  static Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new UsageException("'" + text + "' is not a valid path");
    }
  }
}
