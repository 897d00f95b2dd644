package io.github.calmsdk.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one command: options ({@code --name value}, {@code --name=value}, flags, options that take
 * several values until the next option) and positional words. Unknown options are a usage error.
 */
final class Args {
  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  /**
   * Parses arguments.
   *
   * @param args the words after the command
   * @param flags options that take no value
   * @param single options that take one value
   * @param multi options that take one or more values
   * @param optionalValue options whose value may be left out (such as {@code --wait [DURATION]})
   */
  static Args parse(List<String> args, Set<String> flags, Set<String> single, Set<String> multi, Set<String> optionalValue) {
    Args a = new Args();
    for (int i = 0; i < args.size(); i++) {
      String w = args.get(i);
      if (!w.startsWith("--") || w.equals("--")) {
        a.positional.add(w);
        continue;
      }
      String name = w;
      String inline = null;
      int eq = w.indexOf('=');
      if (eq > 0) {
        name = w.substring(0, eq);
        inline = w.substring(eq + 1);
      }
      List<String> values = a.options.computeIfAbsent(name, k -> new ArrayList<>());
      if (flags.contains(name)) {
        if (inline != null) {
          throw new UsageException(name + " takes no value");
        }
        values.add("true");
      } else if (single.contains(name) || optionalValue.contains(name)) {
        if (inline != null) {
          values.add(inline);
        } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
          values.add(args.get(++i));
        } else if (optionalValue.contains(name)) {
          values.add("");
        } else {
          throw new UsageException(name + " needs a value");
        }
      } else if (multi.contains(name)) {
        if (inline != null) {
          values.add(inline);
        }
        while (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
          values.add(args.get(++i));
        }
        if (values.isEmpty()) {
          throw new UsageException(name + " needs at least one value");
        }
      } else {
        throw new UsageException("unknown option " + name);
      }
    }
    return a;
  }

  boolean has(String name) {
    return options.containsKey(name);
  }

  String value(String name) {
    List<String> v = options.get(name);
    return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
  }

  String required(String name) {
    String v = value(name);
    if (v == null || v.isEmpty()) {
      throw new UsageException("missing " + name);
    }
    return v;
  }

  /** Every value of an option as given, not split at commas (for paths). */
  List<String> raw(String name) {
    List<String> out = new ArrayList<>();
    for (String v : options.getOrDefault(name, List.of())) {
      if (!v.isBlank()) {
        out.add(v);
      }
    }
    return out;
  }

  /** Every value of an option, comma lists split: {@code --tr 1,2 --tr 3} gives 1, 2, 3. */
  List<String> values(String name) {
    List<String> out = new ArrayList<>();
    for (String v : options.getOrDefault(name, List.of())) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  List<String> positional() {
    return positional;
  }
}
