package io.github.calmsdk.cli;

import io.github.calmsdk.testkit.FakeCalm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code calm fake}: runs the testkit's FakeCalm in the foreground until Ctrl-C (or SIGTERM), and writes a service
 * key pointing at it, so every other command can be tried against it from a second shell. The key goes to {@code
 * --key-out FILE}, which is kept when the fake stops; without it, to a temporary file that is deleted then.
 */
@Command(
    name = "fake",
    description = {
      "run a fake Cloud ALM in the foreground until Ctrl-C, and write a service key for it",
      "The testkit's FakeCalm, with the nodes DEV -> QAS -> PRD. It prints where it listens and where the key is;"
          + " then, in another shell: export CALM_SERVICE_KEY=<the key file>; calm doctor",
      "Without --key-out the key goes to a temporary file, deleted when the fake stops. --ctms-key-out also writes"
          + " a Cloud Transport Management service key for it (uri + uaa), to try --transport-key or a CTMS-only"
          + " setup. With --json, one JSON document (url, port, keyFile, and ctmsKeyFile when asked) once it"
          + " listens."
    })
final class FakeCommand implements CliCommand {
  /** How long Ctrl-C waits for the fake to stop and its key file to be deleted. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  @Option(names = "--port", paramLabel = "N", defaultValue = "0", converter = Converters.Port.class,
      description = "the port to listen on, on the loopback address (default 0: a free one, printed)")
  int port;

  @Option(names = "--key-out", paramLabel = "FILE", converter = Converters.File.class,
      description = "write the service key JSON here, and keep it (default: a temporary file, deleted on stop)")
  Path keyOut;

  @Option(names = "--ctms-key-out", paramLabel = "FILE", converter = Converters.File.class,
      description = "also write a Cloud Transport Management (CTMS) service key for the fake here, and keep it")
  Path ctmsKeyOut;

  @Override
  public int run(Context context) {
    Output out = context.out();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    try (Interrupts.Registration onCtrlC = context.env().interrupts().onInterrupt(() -> {
          stop.countDown();
          awaitQuietly(finished, SHUTDOWN_GRACE);
        })) {
      Path keyFile = null;
      try (FakeCalm fake = start(port)) {
        keyFile = keyOut != null ? write(keyOut, fake.serviceKeyJson(), "--key-out")
            : temporaryKey(fake.serviceKeyJson());
        Path ctmsKeyFile = ctmsKeyOut != null ? write(ctmsKeyOut, fake.ctmsServiceKeyJson(), "--ctms-key-out") : null;
        String url = fake.baseUri().toString();
        if (out.json()) {
          out.document(Views.object("url", url, "port", fake.baseUri().getPort(), "keyFile", keyFile.toString(),
              "ctmsKeyFile", ctmsKeyFile == null ? null : ctmsKeyFile.toString()));
        } else {
          out.line("FakeCalm listening on " + url + " (nodes DEV -> QAS -> PRD); Ctrl-C to stop");
          out.line("service key: " + keyFile + (keyOut == null ? " (deleted when the fake stops)" : ""));
          if (ctmsKeyFile != null) {
            out.line("CTMS service key: " + ctmsKeyFile + " (try: calm --transport-key " + ctmsKeyFile + " nodes)");
          }
          out.line("in another shell: export " + KeySource.VARIABLE + "=" + keyFile + "; calm doctor");
        }
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        if (keyOut == null && keyFile != null) {
          deleteQuietly(keyFile);
        }
      }
      out.line("FakeCalm stopped");
      return ExitCode.OK.code;
    } finally {
      finished.countDown();
    }
  }

  /** Starts the fake on the port, or on a free one for 0; a port it cannot take is bad usage, with the fix. */
  static FakeCalm start(int port) {
    try {
      return FakeCalm.builder().port(port).start();
    } catch (RuntimeException e) {
      throw UsageException.withoutUsage(
          "--port: cannot listen on port " + port + " (" + e.getMessage() + ")",
          "choose another port, or leave --port out: the fake then takes a free one and prints it");
    }
  }

  /** Writes the key through a temporary file and a move, so a reader never sees half of it. */
  private static Path write(Path file, String json, String option) {
    try {
      Path target = file.toAbsolutePath();
      Path dir = target.getParent();
      Path tmp = Files.createTempFile(dir, ".calm-fake-key", ".tmp");
      Files.writeString(tmp, json, StandardCharsets.UTF_8);
      return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw UsageException.withoutUsage(option + ": cannot write the service key to " + file + " ("
          + e.getClass().getSimpleName() + ")", "choose a file in a directory you can write to");
    }
  }

  private static Path temporaryKey(String json) {
    try {
      Path file = Files.createTempFile("calm-fake-key-", ".json");
      Files.writeString(file, json, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the service key to a temporary file: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // best effort: it is in the temp area
    }
  }

  private static void awaitQuietly(CountDownLatch latch, Duration limit) {
    try {
      latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
