package io.github.calmsdk.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/** Table cells for people: times to the second, absent values as "-", lists comma-separated. */
final class Format {
  private Format() {}

  static String time(Instant t) {
    return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String text(Object o) {
    if (o instanceof Optional) {
      return ((Optional<?>) o).map(Format::text).orElse("-");
    }
    return o == null || o.toString().isBlank() ? "-" : o.toString();
  }

  static String list(Collection<?> items) {
    return items.isEmpty() ? "-" : items.stream().map(Object::toString).collect(Collectors.joining(", "));
  }

  static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }

  /** "in 11h 59m", "2m 5s ago". */
  static String relative(Instant t, Instant now) {
    Duration d = Duration.between(now, t);
    String amount = Durations.format(d.isNegative() ? d.negated() : d);
    return d.isNegative() ? amount + " ago" : "in " + amount;
  }

  /** Milliseconds as "850 ms" or "1.4 s". */
  static String elapsed(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
