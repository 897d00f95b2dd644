package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.deployment.TransportStatus;
import java.util.stream.Collectors;

/** The {@code status} query value that lists every status. */
final class TransportQueryCodes {
  /** {@code in,ru,re,su,sk,wa,er,fa,de}. */
  static final String ALL =
      TransportStatus.QUERYABLE.stream().map(s -> s.queryCode().orElseThrow()).collect(Collectors.joining(","));

  private TransportQueryCodes() {}
}
