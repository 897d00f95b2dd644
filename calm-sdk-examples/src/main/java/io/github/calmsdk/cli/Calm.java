package io.github.calmsdk.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code calm} command line: try a service key, export, import, retry and watch transport requests, and manage
 * features, from a shell. Built as {@code calm-sdk-examples/target/calm.jar}.
 *
 * <pre>
 * java -jar calm-sdk-examples/target/calm.jar demo
 * java -jar calm-sdk-examples/target/calm.jar --service-key key.json doctor
 * CALM_SERVICE_KEY=key.json java -jar calm.jar import --node QAS --tr 42 --wait 10m
 * </pre>
 *
 * <p>The commands are picocli {@code @Command} classes listed in {@link RootCommand}; their help, {@code --version}
 * and {@code calm generate-completion} come from the same declarations the parser reads.
 *
 * <p>Embed it or test it through {@link #run(String[], PrintStream, PrintStream, Map)}, which returns the exit code
 * instead of ending the JVM: 0 success, 1 the outcome failed, 2 bad usage or input, 3 authentication or
 * authorization, 4 rejected by the API, 5 unavailable or timed out.
 */
public final class Calm {
  /** The width of the help text. */
  private static final int HELP_WIDTH = 100;

  private Calm() {}

  /**
   * Runs the command line and ends the JVM with its exit code. Logging is configured first, before any logger
   * exists: slf4j-simple to stderr, WARN, or DEBUG for {@code io.github.calmsdk} with {@code --verbose}.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    LogSetup.configure(Arrays.asList(args).contains("--verbose"));
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /**
   * Runs the command line and returns its exit code; it never calls {@link System#exit}.
   *
   * @param args the command line, such as {@code ["--json", "nodes"]}
   * @param out where results go
   * @param err where errors, notes and progress go
   * @param env the environment variables, such as {@code CALM_SERVICE_KEY}
   * @return the exit code, 0 to 5
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    return run(args, out, err, Environment.system(env));
  }

  static int run(String[] args, PrintStream out, PrintStream err, Environment env) {
    CommandLine cl = commandLine(out, err, env);
    try {
      return cl.execute(args);
    } finally {
      cl.getOut().flush();
      cl.getErr().flush();
      out.flush();
      err.flush();
    }
  }

  /** The command tree, writing to these streams, with its failures reported as calm reports them. */
  static CommandLine commandLine(PrintStream out, PrintStream err, Environment env) {
    Dispatcher dispatcher = new Dispatcher(out, err, env);
    CommandLine cl = new CommandLine(new RootCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
        .setUsageHelpWidth(HELP_WIDTH)
        .setOverwrittenOptionsAllowed(true)
        .setExecutionStrategy(dispatcher)
        .setParameterExceptionHandler(dispatcher);
    Map<String, String> codes = new LinkedHashMap<>();
    for (ExitCode c : ExitCode.values()) {
      codes.put(Integer.toString(c.code), c.description);
    }
    CommandLine completion = cl.getSubcommands().get("generate-completion");
    completion.getCommandSpec().usageMessage()
        .hidden(false)
        .description("print a bash/zsh completion script for calm; load it with: source <(calm generate-completion)",
            "It completes the command word calm, so make calm a command first, such as a script on the PATH that"
                + " runs: java -jar /path/to/calm.jar \"$@\"");
    cl.getSubcommands().get("help").getCommandSpec().usageMessage()
        .header(new String[0])
        .synopsisHeading("usage: ")
        .description("show the help of a command, such as: calm help import",
            "Without a COMMAND, the help of calm itself.");
    forEach(cl, c -> {
      c.getCommandSpec().usageMessage().exitCodeList(codes);
      standardHelpOptions(c.getCommandSpec());
    });
    return cl;
  }

  /**
   * Gives a command --help and --version when it lacks them: every command of calm inherits them from {@link
   * RootCommand}, but picocli's own help command declares only its own -h.
   */
  private static void standardHelpOptions(CommandSpec spec) {
    if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
      spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
          .description("Show this help message and exit.").build());
    }
    if (spec.options().stream().noneMatch(OptionSpec::versionHelp)) {
      spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
          .description("Print version information and exit.").build());
    }
    if (spec.version().length == 0) {
      spec.versionProvider(new SdkVersionProvider());
    }
  }

  private static void forEach(CommandLine c, Consumer<CommandLine> action) {
    action.accept(c);
    c.getSubcommands().values().forEach(sub -> forEach(sub, action));
  }
}
