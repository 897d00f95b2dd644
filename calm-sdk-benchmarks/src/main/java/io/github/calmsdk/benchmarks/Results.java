package io.github.calmsdk.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of one harness, written as {@code key=value} lines to {@code <dir>/<name>.properties}. */
final class Results {
  private final String name;
  private final Map<String, String> values = new LinkedHashMap<>();

  Results(String name) {
    this.name = name;
  }

  Results put(String key, Object value) {
    String v =
        value instanceof Double || value instanceof Float
            ? String.format(Locale.ROOT, "%.4f", ((Number) value).doubleValue())
            : String.valueOf(value);
    values.put(key, v);
    System.out.println("  " + key + " = " + v);
    return this;
  }

  long get(String key) {
    return Long.parseLong(values.get(key));
  }

  void write(Path dir) {
    try {
      Files.createDirectories(dir);
      List<String> lines =
          values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.toList());
      Files.write(dir.resolve(name + ".properties"), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value of {@code --name value} in args, or the default. */
  static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  /** Sorted-sample percentile, nearest rank. */
  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
