package io.github.calmsdk.relay;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;

/**
 * The child JVM of {@link KillTest}: runs the relay against the parent's fake until nothing is pending. Its hook
 * prints each point between steps, so the parent can pick the instant of its SIGKILL, and sometimes pauses there
 * (a slow disk or network), so the kill lands inside the window.
 * Arguments: store, service key file, spool directory, seed.
 */
public final class KillChild {
  private KillChild() {}

  public static void main(String[] args) throws Exception {
    Random random = new Random(Long.parseLong(args[3]));
    try (CalmClient calm = CalmClient.builder()
            .serviceKey(ServiceKey.fromJson(Files.readString(Path.of(args[1])))).build();
        RelayStore store = RelayStore.sqlite(Path.of(args[0]), Clock.systemUTC())) {
      Relay relay = Relay.builder().client(calm).store(store)
          .options(RelayOptions.builder().spoolDirectory(Path.of(args[2])).packageSize(5).owner("child").build())
          .hook((point, id) -> {
            System.out.println(point);
            System.out.flush();
            if (random.nextBoolean()) {
              try {
                Thread.sleep(2 + random.nextInt(8));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          })
          .build();
      System.out.println("ready");
      System.out.flush();
      if (args.length > 4 && args[4].equals("warmup")) {
        System.exit(0); // writes the class data archive the killed runs start from
      }
      while (relay.runOnce().pending() > 0) {
        // until nothing is pending
      }
    }
    System.exit(0);
  }
}
