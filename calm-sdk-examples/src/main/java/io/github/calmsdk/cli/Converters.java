package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.relay.EntryState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;

/**
 * picocli converters from words to the SDK's types, one per kind of value, each delegating to {@link Inputs} or
 * {@link Durations}; and the values the shell completion offers. A converter's {@link UsageException} reaches
 * {@link ParameterErrors}, which names the option.
 */
final class Converters {
  private Converters() {}

  /** {@code NAME|ID}: a number is a node id, anything else a node name. */
  static final class Node implements ITypeConverter<NodeRef> {
    @Override
    public NodeRef convert(String value) {
      return Inputs.node(value);
    }
  }

  /** {@code NAME}: a node name, checked by the SDK (at most 30 characters). */
  static final class Name implements ITypeConverter<NodeName> {
    @Override
    public NodeName convert(String value) {
      return NodeName.of(value);
    }
  }

  /** {@code ID}: a transport request id. */
  static final class TransportRequest implements ITypeConverter<TransportRequestId> {
    @Override
    public TransportRequestId convert(String value) {
      return Inputs.transportRequest(value);
    }
  }

  /** {@code STATUS}: a transport request status by name or query code. */
  static final class Status implements ITypeConverter<TransportStatus> {
    @Override
    public TransportStatus convert(String value) {
      return Inputs.status(value);
    }
  }

  /** {@code TYPE}: a content type. */
  static final class Content implements ITypeConverter<ContentType> {
    @Override
    public ContentType convert(String value) {
      return Inputs.contentType(value);
    }
  }

  /** {@code DURATION}: 90s, 5m, 1h or ISO-8601. */
  static final class Wait implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Durations.parse(value);
    }
  }

  /** {@code N}: a positive whole number. */
  static final class Positive implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return Inputs.positive(value);
    }
  }

  /** {@code N}: a TCP port, or 0 for a free one. */
  static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return Inputs.port(value);
    }
  }

  /** {@code PATH}: a file path. */
  static final class File implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      return Inputs.path(value);
    }
  }

  /** {@code STATE}: a relay entry's state, such as {@code failed}. */
  static final class RelayState implements ITypeConverter<EntryState> {
    @Override
    public EntryState convert(String value) {
      return Inputs.entryState(value);
    }
  }

  /** {@code ID}: a relay entry's id. */
  static final class EntryId implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return Inputs.entryId(value);
    }
  }

  /** The relay entry states, offered by the shell completion. */
  static final class RelayStates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(EntryState.values()).map(EntryState::wireName).iterator();
    }
  }

  /** The status names, offered by the shell completion. */
  static final class StatusNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of(Inputs.STATUS_NAMES.split(", ")).iterator();
    }
  }

  /** The content types, offered by the shell completion. */
  static final class ContentTypes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Inputs.contentTypeNames().iterator();
    }
  }
}
