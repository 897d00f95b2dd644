package io.github.calmsdk.cli;

import io.github.calmsdk.core.error.CalmException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.MutuallyExclusiveArgsException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns picocli's parse errors into the command line's own: a {@link UsageException} (exit 2, nothing sent) worded
 * as calm has always worded them ({@code unknown command 'deploy'}, {@code unknown option --everything}, {@code
 * missing --node: give the target node}, {@code --wait: '5 minutes' is not a duration; ...}, {@code pass either
 * --all or --tr ID...}), or the SDK's own validation failure when the SDK rejected a value (a node name that is too
 * long). Everything is taken from the declaration of the command that failed, so a new option needs nothing here.
 */
final class ParameterErrors {
  private ParameterErrors() {}

  /**
   * The failure to report for a parse error.
   *
   * @param e picocli's exception
   * @param words the whole command line
   * @return a UsageException, or the CalmException a converter raised
   */
  static RuntimeException translate(ParameterException e, List<String> words) {
    Throwable cause = e.getCause();
    if (cause instanceof CalmException) {
      return (CalmException) cause;
    }
    if (cause instanceof UsageException && e.getArgSpec() != null) {
      return new UsageException(label(e.getArgSpec()) + ": " + cause.getMessage());
    }
    CommandLine failed = e.getCommandLine();
    if (e instanceof UnmatchedArgumentException && !((UnmatchedArgumentException) e).getUnmatched().isEmpty()) {
      return unmatched(failed, ((UnmatchedArgumentException) e).getUnmatched().get(0));
    }
    if (e instanceof MutuallyExclusiveArgsException) {
      ArgGroupSpec group = exclusiveGroupGiven(failed, words);
      if (group != null) {
        return eitherOr(group);
      }
    }
    if (e instanceof MissingParameterException && !((MissingParameterException) e).getMissing().isEmpty()) {
      return missing(failed, ((MissingParameterException) e).getMissing(), words);
    }
    String m = e.getMessage() == null ? "bad usage" : e.getMessage();
    return new UsageException(m.startsWith("Error: ") ? m.substring("Error: ".length()) : m);
  }

  private static UsageException unmatched(CommandLine failed, String word) {
    if (word.startsWith("-")) {
      int eq = word.indexOf('=');
      return new UsageException("unknown option " + (eq > 0 ? word.substring(0, eq) : word));
    }
    if (!failed.getSubcommands().isEmpty()) {
      if (failed.getParent() == null) {
        return new UsageException("unknown command '" + word + "'");
      }
      return new UsageException("unknown " + name(failed) + " subcommand '" + word + "'; use "
          + subcommands(failed));
    }
    return new UsageException(name(failed) + ": unexpected argument '" + word + "'");
  }

  private static UsageException missing(CommandLine failed, List<ArgSpec> missing, List<String> words) {
    ArgSpec first = missing.get(0);
    ArgGroupSpec group = first.group();
    if (group != null && group.exclusive() && group.args().size() > 1) {
      return eitherOr(group);
    }
    if (first.isOption()) {
      OptionSpec o = (OptionSpec) first;
      if (given(o, words)) {
        return new UsageException(o.longestName() + " needs a value: " + what(o));
      }
      return new UsageException("missing " + o.longestName() + ": give " + what(o));
    }
    // picocli names the first missing parameter; the required ones after it are missing too
    int from = ((PositionalParamSpec) first).index().min();
    List<String> labels = new ArrayList<>();
    for (PositionalParamSpec p : failed.getCommandSpec().positionalParameters()) {
      if (p.index().min() >= from && p.arity().min() > 0) {
        labels.add(p.paramLabel());
      }
    }
    return new UsageException(name(failed) + " needs " + String.join(" and ", labels));
  }

  /** The exclusive group of which more than one option was given. */
  private static ArgGroupSpec exclusiveGroupGiven(CommandLine failed, List<String> words) {
    for (ArgGroupSpec g : failed.getCommandSpec().argGroups()) {
      if (g.exclusive() && g.options().stream().filter(o -> given(o, words)).count() > 1) {
        return g;
      }
    }
    return null;
  }

  private static UsageException eitherOr(ArgGroupSpec group) {
    return new UsageException("pass either " + group.options().stream().map(ParameterErrors::synopsis)
        .collect(Collectors.joining(" or ")));
  }

  /** An option as people write it: {@code --all}, {@code --node NAME|ID}, {@code --tr ID...}. */
  static String synopsis(OptionSpec o) {
    if (o.arity().max() == 0) {
      return o.longestName();
    }
    return o.longestName() + " " + o.paramLabel() + (o.arity().max() > 1 ? "..." : "");
  }

  private static String label(ArgSpec a) {
    return a.isOption() ? ((OptionSpec) a).longestName() : ((PositionalParamSpec) a).paramLabel();
  }

  /** What an option takes, for a message: the first line of its description. */
  private static String what(OptionSpec o) {
    String[] d = o.description();
    return d.length == 0 ? o.paramLabel() : d[0];
  }

  private static boolean given(OptionSpec o, List<String> words) {
    for (String w : words) {
      for (String n : o.names()) {
        if (w.equals(n) || w.startsWith(n + "=")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The command's name after {@code calm}, such as {@code features list}. */
  static String name(CommandLine c) {
    String q = c.getCommandSpec().qualifiedName(" ");
    int space = q.indexOf(' ');
    return space < 0 ? q : q.substring(space + 1);
  }

  /** The subcommands of a command, for a message: {@code list, get or parent}. */
  static String subcommands(CommandLine c) {
    List<String> names = new ArrayList<>(c.getSubcommands().keySet());
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }
}
