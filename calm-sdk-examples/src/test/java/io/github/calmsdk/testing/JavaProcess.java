package io.github.calmsdk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a main class in a new JVM on the test class path, for what only a fresh JVM shows (logging setup, exit). */
public final class JavaProcess {
  private JavaProcess() {}

  /**
   * What the process did.
   *
   * @param exit its exit code
   * @param out its stdout
   * @param err its stderr
   */
  public record Result(int exit, String out, String err) {}

  /**
   * Runs a main class and waits for it to end.
   *
   * @param mainClass the class
   * @param env environment variables added to the inherited ones
   * @param workDir the working directory
   * @param args the arguments
   * @return what it did
   */
  public static Result run(Class<?> mainClass, Map<String, String> env, Path workDir, String... args) {
    List<String> command = command(mainClass, args);
    try {
      Path out = Files.createTempFile(workDir, "out", ".txt");
      Path err = Files.createTempFile(workDir, "err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().remove("CALM_SERVICE_KEY");
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(mainClass.getSimpleName() + " did not end within 60 s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Starts a main class and returns at once, for a process that runs until it is stopped: its stdout is to be read
   * from {@link Process#getInputStream()}, its stderr goes to a file in the working directory.
   *
   * @param mainClass the class
   * @param env environment variables added to the inherited ones
   * @param workDir the working directory
   * @param args the arguments
   * @return the running process; destroy it when done
   */
  public static Process start(Class<?> mainClass, Map<String, String> env, Path workDir, String... args) {
    try {
      Path err = Files.createTempFile(workDir, "err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(command(mainClass, args)).directory(workDir.toFile())
          .redirectError(err.toFile());
      pb.environment().remove("CALM_SERVICE_KEY");
      pb.environment().putAll(env);
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> command(Class<?> mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    if (Runtime.version().feature() >= 22) {
      // what calm.jar's manifest (Enable-Native-Access: ALL-UNNAMED) does for the bundled SQLite driver; a class-path
      // launch has no manifest, and JDK 24+ would print a restricted-method warning for System::load
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return command;
  }
}
