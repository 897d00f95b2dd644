package io.github.calmsdk.benchmarks;

import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.ClientContext;
import com.sun.management.OperatingSystemMXBean;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.TransportQuery;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A cross-check of figure 1 that tolerates a machine whose load drifts: the cases take turns in blocks of {@code
 * --calls} calls (a block lasts well under a second), and every block of a case is compared with the baseline's block
 * of the same turn. Besides wall time it reads the process's CPU time, which tells work from waiting, and the calling
 * thread's CPU time (a nanosecond clock; the SDK's own work runs there, decoding included). The cases:
 * the SDK (with a do-nothing listener), the SDK without a listener and the baseline of {@link
 * ListTransportsBenchmark}, the baseline sending with {@code sendAsync().get()},
 * and, without decoding, the SDK's pipeline, {@code HttpClient.send} and {@code HttpClient.sendAsync().get()}.
 *
 * <pre>java -cp benchmarks.jar io.github.calmsdk.benchmarks.ListTransportsInterleaved --blocks 40 --out target/results</pre>
 */
public final class ListTransportsInterleaved {
  private ListTransportsInterleaved() {}

  public static void main(String[] args) throws Exception {
    int blocks = Integer.parseInt(Results.arg(args, "--blocks", "40"));
    int calls = Integer.parseInt(Results.arg(args, "--calls", "200"));
    int warmup = Integer.parseInt(Results.arg(args, "--warmup-blocks", "5"));
    Path out = Path.of(Results.arg(args, "--out", "target/results"));
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    try (Loopback server =
        Loopback.start(
            Map.of(TransportApiEndpoint.ROOT, new TransportApiEndpoint(ListTransportsBenchmark.ITEMS)))) {
      // a do-nothing listener is installed, so the pipeline builds every event as a real listener would make it
      ClientContext context =
          ClientContext.builder().authorization(new StaticToken()).addListener(new CalmListener() {}).build();
      HttpPipeline pipeline = context.pipeline();
      DeploymentClient sdk = DeploymentClient.create(context, server.base(), DeploymentOptions.defaults());
      // no listener: the context holds CalmListener.noop(), which the pipeline skips (the listener's cost is sdk
      // against this)
      DeploymentClient sdkNoListener =
          DeploymentClient.create(
              ClientContext.builder().authorization(new StaticToken()).build(),
              server.base(),
              DeploymentOptions.defaults());
      TransportQuery query = TransportQuery.allStatuses(NodeId.of(TransportApiEndpoint.NODE_ID));
      URI uri =
          URI.create(
              server.base() + TransportApiEndpoint.ROOT + "/nodes/" + TransportApiEndpoint.NODE_ID
                  + "/transportRequests?status=" + query.statusCodes());
      ListTransportsBenchmark.HandWritten baseline = new ListTransportsBenchmark.HandWritten(uri, false);
      ListTransportsBenchmark.HandWritten baselineAsync = new ListTransportsBenchmark.HandWritten(uri, true);
      HttpClient http =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();

      Map<String, Callable<Object>> cases = new LinkedHashMap<>();
      cases.put("sdk", () -> sdk.transportRequests(query));
      cases.put("baseline", baseline::list);
      cases.put("sdkNoListener", () -> sdkNoListener.transportRequests(query));
      cases.put("baselineAsync", baselineAsync::list);
      cases.put("transport.pipeline", () -> pipeline.send(CalmRequest.get(uri).header("Accept", "application/json").build()));
      cases.put("transport.send", () -> http.send(request(uri), HttpResponse.BodyHandlers.ofByteArray()));
      cases.put(
          "transport.sendAsync",
          () -> http.sendAsync(request(uri), HttpResponse.BodyHandlers.ofByteArray()).get(61, TimeUnit.SECONDS));

      Map<String, List<Double>> wall = new LinkedHashMap<>();
      Map<String, List<Double>> cpu = new LinkedHashMap<>();
      Map<String, List<Double>> callerCpu = new LinkedHashMap<>();
      for (int b = 0; b < warmup + blocks; b++) {
        for (Map.Entry<String, Callable<Object>> c : cases.entrySet()) {
          long cpu0 = os.getProcessCpuTime();
          long thread0 = threads.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          for (int i = 0; i < calls; i++) {
            c.getValue().call();
          }
          long t1 = System.nanoTime();
          long thread1 = threads.getCurrentThreadCpuTime();
          long cpu1 = os.getProcessCpuTime();
          if (b >= warmup) {
            wall.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add((t1 - t0) / 1e3 / calls);
            cpu.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add((cpu1 - cpu0) / 1e3 / calls);
            callerCpu.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add((thread1 - thread0) / 1e3 / calls);
          }
        }
      }

      System.out.println("ListTransportsInterleaved: " + blocks + " blocks of " + calls + " calls per case");
      Results results = new Results("interleaved").put("blocks", blocks).put("callsPerBlock", calls);
      List<Double> base = wall.get("baseline");
      for (String name : cases.keySet()) {
        List<Double> w = wall.get(name);
        List<Double> ratio = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
          ratio.add(base.get(i) / w.get(i)); // throughput ratio: calls/s of the case over calls/s of the baseline
        }
        results
            .put(name + ".wall.us.median", median(w))
            .put(name + ".cpu.us.median", median(cpu.get(name)))
            // the process CPU clock ticks in 10 ms steps (50 µs per call in a block of 200); the mean over all
            // blocks averages the steps out
            .put(name + ".cpu.us.mean", mean(cpu.get(name)))
            // the calling thread's CPU (nanosecond clock): the SDK's and the baseline's own work, decoding included;
            // the HttpClient's selector thread and the server's thread are not in it
            .put(name + ".callerCpu.us.median", median(callerCpu.get(name)))
            .put(name + ".throughputRatio.median", median(ratio))
            .put(name + ".throughputRatio.p25", percentile(ratio, 25))
            .put(name + ".throughputRatio.p75", percentile(ratio, 75));
      }
      // the listener's cost: the SDK with a do-nothing listener against the SDK without one, block by block
      List<Double> withListener = wall.get("sdk");
      List<Double> without = wall.get("sdkNoListener");
      List<Double> listenerRatio = new ArrayList<>();
      for (int i = 0; i < withListener.size(); i++) {
        listenerRatio.add(without.get(i) / withListener.get(i));
      }
      results
          .put("listener.throughputRatio.median", median(listenerRatio))
          .put("listener.throughputRatio.p25", percentile(listenerRatio, 25))
          .put("listener.throughputRatio.p75", percentile(listenerRatio, 75));
      results.write(out);
    }
  }

  private static HttpRequest request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", StaticToken.HEADER)
        .header("Accept", "application/json")
        .GET()
        .build();
  }

  private static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double median(List<Double> v) {
    return percentile(v, 50);
  }

  private static double percentile(List<Double> v, double p) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    int rank = (int) Math.ceil(p / 100.0 * s.size());
    return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
  }
}
