package io.github.calmsdk.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/**
 * Runs a parsed command line: help and version requests as picocli answers them; a {@link CliCommand} with a
 * {@link Context} built from the global options, its failures reported by {@link Failures}; picocli's own commands
 * (such as {@code generate-completion}) as picocli runs them. A parse error is reported as bad usage (exit 2), with
 * the usage of the command that failed on stderr.
 */
final class Dispatcher implements IExecutionStrategy, IParameterExceptionHandler {
  private final PrintStream out;
  private final PrintStream err;
  private final Environment env;

  Dispatcher(PrintStream out, PrintStream err, Environment env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  @Override
  public int execute(ParseResult parsed) {
    Integer help = CommandLine.executeHelpRequest(parsed);
    if (help != null) {
      return help;
    }
    List<CommandLine> path = parsed.asCommandLineList();
    CommandLine leaf = path.get(path.size() - 1);
    if (!(leaf.getCommand() instanceof CliCommand)) {
      return new RunLast().execute(parsed);
    }
    RootCommand root = path.get(0).getCommand();
    Output output = new Output(out, err, root.json, env.terminal());
    try (Context context = new Context(output, env, KeySource.service(root.serviceKey, env),
        KeySource.transport(root.transportKey, env), root.verbose)) {
      return ((CliCommand) leaf.getCommand()).run(context);
    } catch (UsageException e) {
      int code = Failures.report(e, output, false, env);
      if (e.showUsage()) {
        err.print(leaf.getUsageMessage());
      }
      return code;
    } catch (RuntimeException e) {
      return Failures.report(e, output, root.verbose, env);
    }
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    List<String> words = Arrays.asList(args);
    Output output = new Output(out, err, words.contains("--json"), env.terminal());
    RuntimeException failure = ParameterErrors.translate(e, words);
    int code = Failures.report(failure, output, words.contains("--verbose"), env);
    if (failure instanceof UsageException && ((UsageException) failure).showUsage()) {
      err.print(e.getCommandLine().getUsageMessage());
    }
    return code;
  }
}
