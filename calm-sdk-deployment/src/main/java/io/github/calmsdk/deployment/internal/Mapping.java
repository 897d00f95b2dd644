package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.deployment.ActionId;
import io.github.calmsdk.deployment.ActionLog;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.LogMessage;
import io.github.calmsdk.deployment.LogSeverity;
import io.github.calmsdk.deployment.MtaExtDescriptor;
import io.github.calmsdk.deployment.Node;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.QueueEntry;
import io.github.calmsdk.deployment.StorageType;
import io.github.calmsdk.deployment.TransportEntity;
import io.github.calmsdk.deployment.TransportEntry;
import io.github.calmsdk.deployment.TransportOutcome;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportRequestLog;
import io.github.calmsdk.deployment.TransportStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Turns the wire shapes into the public records. Missing optional fields become null, empty or false; a missing id
 * is an {@link IllegalArgumentException}, which the API layer reports as a decoding failure.
 */
public final class Mapping {
  private Mapping() {}

  static <A, B> List<B> list(List<A> in, Function<A, B> f) {
    if (in == null) {
      return List.of();
    }
    List<B> out = new ArrayList<>(in.size());
    for (A a : in) {
      if (a != null) {
        out.add(f.apply(a));
      }
    }
    return out;
  }

  static long required(Long v, String what) {
    if (v == null) {
      throw new IllegalArgumentException("the answer has no " + what);
    }
    return v;
  }

  static TransportStatus status(String s) {
    return s == null || s.isBlank() ? null : TransportStatus.of(s);
  }

  static TransportStatus statusOrUnknown(String s) {
    TransportStatus t = status(s);
    return t == null ? TransportStatus.UNKNOWN : t;
  }

  /**
   * The form of the TMS_v2 spec's own examples, {@code 2019-05-07T06:40:48.0725+0000}: 1 to 9 fraction digits (or
   * none, or no seconds) and an offset without a colon ({@code +0000}, {@code +01}) or {@code Z}. Used by {@link
   * #instant(String)} only.
   */
  private static final DateTimeFormatter COMPACT_OFFSET =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .optionalEnd()
          .appendOffset("+HHmm", "Z")
          .toFormatter(Locale.ROOT);

  /**
   * Reads a time leniently: ISO-8601 with or without offset (UTC assumed), the spec's form with an offset without
   * a colon ({@code 2019-05-07T06:40:48.0725+0000}), or epoch milliseconds.
   *
   * @param s the text
   * @return the instant, or null when absent or unreadable
   */
  static Instant instant(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String t = s.trim();
    if (t.endsWith("Z")) {
      // the common case ("2026-11-21T10:15:30.123Z"): Instant.parse is the cheapest reader of it
      try {
        return Instant.parse(t);
      } catch (DateTimeParseException e) {
        // next form
      }
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // next form
    }
    try {
      // the spec's examples: "2019-05-07T06:40:48.0725+0000"
      return OffsetDateTime.parse(t, COMPACT_OFFSET).toInstant();
    } catch (DateTimeParseException e) {
      // next form
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // next form
    }
    try {
      return Instant.ofEpochMilli(Long.parseLong(t));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Node node(Wire.Node n) {
    return new Node(
        NodeId.of(required(n.id(), "node id")),
        NodeName.of(n.name()),
        n.description(),
        Boolean.TRUE.equals(n.uploadAllowed()),
        Boolean.TRUE.equals(n.importDisabled()),
        n.importDisabledReason(),
        n.forwardMode(),
        Boolean.TRUE.equals(n.virtual()),
        contentTypes(n.targets()),
        n.controlledBy() == null || n.controlledBy().isBlank() ? null : n.controlledBy());
  }

  /** The content types of a node's targets, verbatim, without repeats; blank or missing ones are left out. */
  private static List<ContentType> contentTypes(List<Wire.Target> targets) {
    if (targets == null) {
      return List.of();
    }
    java.util.LinkedHashSet<ContentType> out = new java.util.LinkedHashSet<>();
    for (Wire.Target t : targets) {
      if (t != null && t.contentType() != null && !t.contentType().isBlank()) {
        out.add(ContentType.of(t.contentType()));
      }
    }
    return List.copyOf(out);
  }

  static MtaExtDescriptor mtaExtDescriptor(Wire.MtaExtDescriptor d) {
    return new MtaExtDescriptor(
        required(d.id(), "MTA extension descriptor id"),
        d.description(),
        d.mtaId(),
        d.mtaExtId(),
        d.mtaVersion(),
        instant(d.lastChangedAt()));
  }

  static QueueEntry queueEntry(Wire.QueueEntry q) {
    return new QueueEntry(
        q.queueId() == null ? OptionalLong.empty() : OptionalLong.of(q.queueId()),
        NodeId.of(required(q.nodeId(), "queue entry node id")),
        NodeName.of(q.nodeName()));
  }

  static TransportRequest transportRequest(Wire.TransportRequest t) {
    return new TransportRequest(
        TransportRequestId.of(required(t.id(), "transport request id")),
        statusOrUnknown(t.status()),
        Boolean.TRUE.equals(t.archived()),
        t.position() == null ? 0 : t.position(),
        t.createdBy(),
        t.createdByNamedUser(),
        instant(t.createdAt()),
        instant(t.queuedAt()),
        t.description(),
        t.origin(),
        list(t.entries(), Mapping::entry));
  }

  static TransportEntry entry(Wire.Entry e) {
    return new TransportEntry(
        e.id() == null ? 0 : e.id(),
        e.storageType() == null || e.storageType().isBlank() ? null : StorageType.of(e.storageType()),
        e.contentType() == null || e.contentType().isBlank() ? null : ContentType.of(e.contentType()),
        e.uri());
  }

  static ImportOutcome outcome(Wire.Action a, ActionId asked) {
    return new ImportOutcome(
        a.id() == null ? asked : ActionId.of(a.id()),
        statusOrUnknown(a.status()),
        a.type(),
        instant(a.startedAt()),
        instant(a.endedAt()),
        a.triggeredBy(),
        a.triggeredByNamedUser(),
        a.nodeName(),
        list(
            a.transportRequests(),
            t ->
                new TransportOutcome(
                    TransportRequestId.of(required(t.id(), "transport request id")),
                    statusOrUnknown(t.status()),
                    list(t.entities(), Mapping::entity))));
  }

  static TransportEntity entity(Wire.Entity e) {
    return new TransportEntity(
        e.id() == null ? 0 : e.id(),
        e.uri(),
        e.fileName(),
        status(e.status()),
        list(e.messages(), Mapping::message));
  }

  static LogMessage message(Wire.Message m) {
    return new LogMessage(
        m.id() == null ? 0 : m.id(),
        m.messageId(),
        LogSeverity.fromCode(m.severity()),
        m.severity(),
        m.message(),
        instant(m.createdAt()));
  }

  static ActionLog actionLog(Wire.ActionLog l) {
    return new ActionLog(
        l.transportRequestId() == null ? null : TransportRequestId.of(l.transportRequestId()),
        status(l.status()),
        list(l.messages(), Mapping::message),
        list(l.entities(), Mapping::entity));
  }

  static TransportRequestLog transportRequestLog(Wire.TransportRequestLog l) {
    return new TransportRequestLog(
        l.actionId() == null ? null : ActionId.of(l.actionId()),
        l.actionType(),
        status(l.status()),
        instant(l.actionStartedAt()),
        l.actionTriggeredBy(),
        l.actionTriggeredByNamedUser(),
        list(l.messages(), Mapping::message),
        list(l.entities(), Mapping::entity));
  }
}
