package io.github.calmsdk.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The global options and the command of one run. Global options may stand before or after the command
 * ({@code calm --json nodes} and {@code calm nodes --json} are the same); {@code --help} and {@code -h} ask for
 * the usage of the command, or of calm when there is none.
 *
 * @param serviceKey the {@code --service-key} file, or null
 * @param json whether {@code --json} was given
 * @param verbose whether {@code --verbose} was given
 * @param help whether {@code --help} was given
 * @param command the command's name, or null
 * @param args the command's own arguments
 */
record Invocation(String serviceKey, boolean json, boolean verbose, boolean help, String command, List<String> args) {

  /**
   * Reads the words of the command line.
   *
   * @throws UsageException for an unknown option before the command, or a missing {@code --service-key} value
   */
  static Invocation parse(String[] words) {
    String key = null;
    boolean json = false;
    boolean verbose = false;
    boolean help = false;
    String command = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if (w.equals("--json")) {
        json = true;
      } else if (w.equals("--verbose")) {
        verbose = true;
      } else if (w.equals("--help") || w.equals("-h")) {
        help = true;
      } else if (w.equals("--service-key")) {
        if (i + 1 >= words.length || words[i + 1].startsWith("--")) {
          throw new UsageException("--service-key needs a value: the path of the service key JSON file");
        }
        key = words[++i];
      } else if (w.startsWith("--service-key=")) {
        key = w.substring("--service-key=".length());
      } else if (command == null) {
        if (w.startsWith("-")) {
          throw new UsageException("unknown option " + w);
        }
        command = w;
      } else {
        rest.add(w);
      }
    }
    return new Invocation(key, json, verbose, help, command, List.copyOf(rest));
  }
}
