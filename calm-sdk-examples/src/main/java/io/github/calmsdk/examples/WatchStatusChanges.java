package io.github.calmsdk.examples;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.StatusChange;
import io.github.calmsdk.deployment.StatusWatcher;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.deployment.WatchRequest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Watches a node's queue and prints each status change until Ctrl-C, which closes the watcher.
 *
 * <pre>
 * CALM_SERVICE_KEY=key.json java -cp calm.jar io.github.calmsdk.examples.WatchStatusChanges QAS
 * </pre>
 */
public final class WatchStatusChanges {
  private WatchStatusChanges() {}

  /**
   * Runs the example.
   *
   * @param args the node
   * @throws InterruptedException never in practice: the main thread waits until the JVM ends
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: WatchStatusChanges NODE");
      System.exit(2);
    }
    CalmClient calm = CalmClient.create(ServiceKey.fromEnvironment("CALM_SERVICE_KEY"));
    StatusWatcher watcher = watch(calm, NodeName.of(args[0]), Duration.ofMinutes(1));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      watcher.close();
      calm.close();
      stopped.countDown();
    }));
    System.out.println("watching " + args[0] + " every minute; Ctrl-C to stop");
    stopped.await();
  }

  /**
   * Starts a watcher that prints each change.
   *
   * @param calm the client
   * @param node the node
   * @param interval the time between polls
   * @return the running watcher; close it to stop
   */
  public static StatusWatcher watch(CalmClient calm, NodeName node, Duration interval) {
    WatchRequest request = WatchRequest.builder().node(node).interval(interval).build();
    return calm.deployment().statusChanges(request, change -> System.out.println(describe(change)));
  }

  /**
   * One change as a line, such as {@code TR 4711: running -> error}.
   *
   * @param change the change
   * @return the line
   */
  public static String describe(StatusChange change) {
    return "TR " + change.transportRequestId() + ": "
        + change.from().map(TransportStatus::value).orElse("(new)") + " -> "
        + change.to().map(TransportStatus::value).orElse("(gone)");
  }
}
