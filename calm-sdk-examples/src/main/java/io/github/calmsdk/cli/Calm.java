package io.github.calmsdk.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * <p>Embed it or test it through {@link #run(String[], PrintStream, PrintStream, Map)}, which returns the exit code
 * instead of ending the JVM: 0 success, 1 the outcome failed, 2 bad usage or input, 3 authentication or
 * authorization, 4 rejected by the API, 5 unavailable or timed out.
 */
public final class Calm {
  private static final List<Command> COMMANDS =
      List.of(
          new DoctorCommand(),
          new NodesCommand(),
          new ExportCommand(),
          new ImportCommand(),
          new RetryCommand(),
          new StatusCommand(),
          new WatchCommand(),
          new FeaturesCommand(),
          new DemoCommand());

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
    Invocation inv;
    try {
      inv = Invocation.parse(args);
    } catch (UsageException e) {
      Output output = new Output(out, err, Arrays.asList(args).contains("--json"), env.terminal());
      int code = Failures.report(e, output, false);
      err.print(Usage.GLOBAL);
      return code;
    }
    Output output = new Output(out, err, inv.json(), env.terminal());
    if (inv.command() == null || inv.command().equals("help")) {
      boolean asked = inv.help() || inv.command() != null;
      String topic = inv.args().isEmpty() ? null : inv.args().get(0);
      if (asked && topic != null && byName().containsKey(topic)) {
        out.print(byName().get(topic).usage());
        return ExitCode.OK.code;
      }
      if (asked) {
        out.print(Usage.GLOBAL);
        return ExitCode.OK.code;
      }
      int code = Failures.report(new UsageException("no command given"), output, false);
      err.print(Usage.GLOBAL);
      return code;
    }
    Command command = byName().get(inv.command());
    if (command == null) {
      int code = Failures.report(new UsageException("unknown command '" + inv.command() + "'"), output, false);
      err.print(Usage.GLOBAL);
      return code;
    }
    if (inv.help()) {
      out.print(command.usage());
      return ExitCode.OK.code;
    }
    try (Context context = new Context(output, env, new KeySource(inv.serviceKey(), env), inv.verbose())) {
      return command.run(inv.args(), context);
    } catch (UsageException e) {
      int code = Failures.report(e, output, false);
      if (e.showUsage()) {
        err.print(command.usage());
      }
      return code;
    } catch (RuntimeException e) {
      return Failures.report(e, output, inv.verbose());
    }
  }

  private static Map<String, Command> byName() {
    Map<String, Command> m = new LinkedHashMap<>();
    COMMANDS.forEach(c -> m.put(c.name(), c));
    return m;
  }
}
