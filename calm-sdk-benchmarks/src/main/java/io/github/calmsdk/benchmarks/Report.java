package io.github.calmsdk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads what the harnesses wrote to the results directory (JMH JSON files and {@code .properties}) and prints the
 * table of BENCHMARKS.md: figure, SDK, baseline, ratio, goal, met. Writes it to {@code summary.md} as well.
 *
 * <pre>java -cp benchmarks.jar io.github.calmsdk.benchmarks.Report --dir target/results</pre>
 */
public final class Report {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<String> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private Report() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(Results.arg(args, "--dir", "target/results"));
    Report r = new Report();
    r.listing(dir);
    r.interleaved(dir);
    r.tokenRead(dir);
    r.stampede(dir);
    r.upload(dir);
    r.paging(dir);
    r.footprint(dir);
    r.relay(dir);
    r.recovery(dir);
    StringBuilder md = new StringBuilder();
    md.append("| # | figure | SDK | baseline | ratio SDK/baseline | goal | met? |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    r.rows.forEach(row -> md.append(row).append('\n'));
    if (!r.notes.isEmpty()) {
      md.append('\n');
      r.notes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    Files.writeString(dir.resolve("summary.md"), md, StandardCharsets.UTF_8);
    System.out.print(md);
  }

  // ------------------------------------------------------------------ figure 1

  private void listing(Path dir) throws IOException {
    List<Path> files = files(dir, "jmh-list-");
    if (files.isEmpty()) {
      rows.add("| 1 | listing 100 transport requests | not run | | | ≥ 0.95x | |");
      return;
    }
    Map<String, List<Double>> scores = new LinkedHashMap<>();
    Map<String, Map<String, Double>> rounds = new TreeMap<>();
    for (Path f : files) {
      // jmh-list-<round>-<benchmark>.json
      String round = f.getFileName().toString().split("-")[2];
      for (JsonNode b : MAPPER.readTree(f.toFile())) {
        String name = b.get("benchmark").asText().replaceAll(".*\\.", "");
        double score = b.get("primaryMetric").get("score").asDouble();
        rounds.computeIfAbsent(round, k -> new LinkedHashMap<>()).put(name, score);
        scores.computeIfAbsent(name, k -> new ArrayList<>()).add(score);
      }
    }
    List<Double> ratios = new ArrayList<>();
    List<Double> asyncRatios = new ArrayList<>();
    List<Double> credRatios = new ArrayList<>();
    List<Double> listenerRatios = new ArrayList<>();
    for (Map<String, Double> round : rounds.values()) {
      if (round.containsKey("sdk") && round.containsKey("sdkNoListener")) {
        listenerRatios.add(round.get("sdk") / round.get("sdkNoListener"));
      }
      Double base = round.get("baseline");
      if (base != null && round.containsKey("sdk")) {
        ratios.add(round.get("sdk") / base);
      }
      if (base != null && round.containsKey("baselineAsync")) {
        asyncRatios.add(round.get("baselineAsync") / base);
      }
      if (base != null && round.containsKey("sdkWithCredentials")) {
        credRatios.add(round.get("sdkWithCredentials") / base);
      }
    }
    double ratio = median(ratios);
    rows.add(
        row(
            "1",
            "call overhead: list 100 transport requests into records, a do-nothing listener installed (calls/s,"
                + " 1 thread; median of " + ratios.size() + " rounds)",
            fmt(median(scores.get("sdk")), 0) + " /s",
            fmt(median(scores.get("baseline")), 0) + " /s",
            fmt(ratio, 2) + "x (rounds: " + list(ratios) + ")",
            "≥ 0.95x",
            ratio >= 0.95));
    if (scores.containsKey("sdkNoListener")) {
      rows.add(
          row(
              "1a",
              "… listener cost: the SDK with the do-nothing listener against the SDK with none (CalmListener.noop(),"
                  + " which the pipeline skips); ratio = with / without",
              fmt(median(scores.get("sdk")), 0) + " /s (with)",
              fmt(median(scores.get("sdkNoListener")), 0) + " /s (without)",
              fmt(median(listenerRatios), 2) + "x (rounds: " + list(listenerRatios) + ")",
              "not measurable",
              null));
    }
    if (scores.containsKey("sdkWithCredentials")) {
      rows.add(
          row(
              "1b",
              "… SDK with the real bearer stage (warm token cache), for information",
              fmt(median(scores.get("sdkWithCredentials")), 0) + " /s",
              fmt(median(scores.get("baseline")), 0) + " /s",
              fmt(median(credRatios), 2) + "x (rounds: " + list(credRatios) + ")",
              "",
              null));
    }
    if (scores.containsKey("baselineAsync")) {
      rows.add(
          row(
              "1c",
              "… baseline sending with sendAsync().get(timeout), as the SDK's transport did before it moved to send(), for information",
              fmt(median(scores.get("baselineAsync")), 0) + " /s (hand-written)",
              fmt(median(scores.get("baseline")), 0) + " /s",
              fmt(median(asyncRatios), 2) + "x (rounds: " + list(asyncRatios) + ")",
              "",
              null));
    }
  }

  private void interleaved(Path dir) throws IOException {
    Properties p = props(dir, "interleaved");
    if (p == null) {
      return;
    }
    double ratio = d(p, "sdk.throughputRatio.median");
    rows.add(
        row(
            "1",
            "cross-check, interleaved blocks of " + p.getProperty("callsPerBlock") + " calls (" + p.getProperty("blocks")
                + " blocks each; per call: "
                + (p.getProperty("sdk.cpu.us.mean") == null
                    ? "wall / process CPU, medians)"
                    : "wall (median) / process CPU (mean over blocks) / calling thread's CPU (median))"),
            cpuCell(p, "sdk"),
            cpuCell(p, "baseline"),
            fmt(ratio, 2) + "x (p25–p75 " + fmt(d(p, "sdk.throughputRatio.p25"), 2) + "–"
                + fmt(d(p, "sdk.throughputRatio.p75"), 2) + ")",
            "≥ 0.95x",
            ratio >= 0.95));
    if (p.getProperty("listener.throughputRatio.median") != null) {
      rows.add(
          row(
              "1a",
              "… listener cost in the same blocks: SDK with the do-nothing listener vs SDK with none (same columns;"
                  + " ratio = with / without)",
              cpuCell(p, "sdk") + " (with)",
              cpuCell(p, "sdkNoListener") + " (without)",
              fmt(d(p, "listener.throughputRatio.median"), 2) + "x (p25–p75 "
                  + fmt(d(p, "listener.throughputRatio.p25"), 2) + "–" + fmt(d(p, "listener.throughputRatio.p75"), 2)
                  + ")",
              "not measurable",
              null));
    }
    rows.add(
        row(
            "1",
            "… same blocks: the baseline with sendAsync().get(); and transport only, no decoding: SDK pipeline,"
                + " HttpClient.sendAsync().get(), HttpClient.send()",
            "baselineAsync " + fmt(d(p, "baselineAsync.wall.us.median"), 0) + " / "
                + fmt(d(p, "baselineAsync.cpu.us.median"), 0) + " µs; pipeline "
                + fmt(d(p, "transport.pipeline.wall.us.median"), 0) + " / "
                + fmt(d(p, "transport.pipeline.cpu.us.median"), 0) + " µs; sendAsync "
                + fmt(d(p, "transport.sendAsync.wall.us.median"), 0) + " / "
                + fmt(d(p, "transport.sendAsync.cpu.us.median"), 0) + " µs",
            "send " + fmt(d(p, "transport.send.wall.us.median"), 0) + " / "
                + fmt(d(p, "transport.send.cpu.us.median"), 0) + " µs",
            "baselineAsync " + fmt(d(p, "baselineAsync.throughputRatio.median"), 2) + "x of baseline; sendAsync "
                + fmt(d(p, "transport.send.wall.us.median") / d(p, "transport.sendAsync.wall.us.median"), 2)
                + "x of send",
            "",
            null));
  }

  // ------------------------------------------------------------------ figure 2

  private void tokenRead(Path dir) throws IOException {
    Path f = dir.resolve("jmh-token.json");
    if (!Files.exists(f)) {
      rows.add("| 2a | fresh token read | not run | | | ≤ 50 ns, 0 B/op | |");
      return;
    }
    Map<String, double[]> m = new LinkedHashMap<>();
    for (JsonNode b : MAPPER.readTree(f.toFile())) {
      String name = b.get("benchmark").asText().replaceAll(".*\\.", "");
      double ns = b.get("primaryMetric").get("score").asDouble();
      double err = b.get("primaryMetric").get("scoreError").asDouble();
      double bytes = Double.NaN;
      for (var it = b.get("secondaryMetrics").fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().replace("·", "").equals("gc.alloc.rate.norm")) {
          bytes = e.getValue().get("score").asDouble();
        }
      }
      m.put(name, new double[] {ns, err, bytes});
    }
    double[] sdk = m.get("sdk");
    double[] base = m.get("baseline");
    rows.add(
        row(
            "2a",
            "fresh token read, CalmCredentials.token() with a warm cache (ns/op)",
            fmt(sdk[0], 1) + " ± " + fmt(sdk[1], 1) + " ns",
            fmt(base[0], 1) + " ± " + fmt(base[1], 1) + " ns (volatile read + clock check)",
            fmt(sdk[0] / base[0], 2) + "x",
            "≤ 50 ns",
            sdk[0] <= 50));
    rows.add(
        row(
            "2a",
            "fresh token read, allocation (B/op, -prof gc)",
            fmt(sdk[2], 3) + " B/op",
            fmt(base[2], 3) + " B/op",
            "",
            "0 B/op",
            sdk[2] < 0.5));
    notes.add(
        "2a: gc.alloc.rate.norm below 0.5 B/op is read as 0: JMH's own bookkeeping shows as a few thousandths of a"
            + " byte per operation.");
  }

  private void stampede(Path dir) throws IOException {
    Properties p = props(dir, "stampede");
    if (p == null) {
      rows.add("| 2b | stampede | not run | | | exactly 1 token request | |");
      return;
    }
    for (String speed : List.of("fast", "slow")) {
      String s = speed + ".sdk.";
      String h = speed + ".handWritten.";
      String delay = p.getProperty(speed + ".endpointDelayMs");
      String label = speed.equals("fast") ? "loopback endpoint, no delay" : "endpoint answering after " + delay + " ms";
      boolean one = Boolean.parseBoolean(p.getProperty(s + "exactlyOne"));
      rows.add(
          row(
              "2b",
              p.getProperty("threads") + " threads on an expired token, " + label + ": token requests per round ("
                  + p.getProperty("rounds") + " rounds; callers before the answer ≥ "
                  + p.getProperty(s + "callersBeforeAnswer.min") + ")",
              p.getProperty(s + "tokenRequestsPerExpiredRound.min") + "–"
                  + p.getProperty(s + "tokenRequestsPerExpiredRound.max"),
              "hand-written locked cache: " + p.getProperty(h + "tokenRequestsPerExpiredRound.min") + "–"
                  + p.getProperty(h + "tokenRequestsPerExpiredRound.max"),
              "",
              "exactly 1",
              one));
      double expired = d(p, s + "expired.p99.us");
      double fresh = d(p, s + "fresh.p99.us");
      rows.add(
          row(
              "2b",
              "… p99 latency, expired vs the same threads on a fresh token (" + label + "; one caller alone: "
                  + ms(d(p, speed + ".single.refresh.p50.us")) + " p50)",
              ms(expired) + " (added p99 " + ms(d(p, s + "addedP99.us")) + ")",
              "fresh " + ms(fresh) + "; hand-written expired " + ms(d(p, h + "expired.p99.us")),
              fmt(expired / fresh, 0) + "x (vs hand-written " + fmt(expired / d(p, h + "expired.p99.us"), 2) + "x)",
              "report",
              null));
    }
  }

  // ------------------------------------------------------------------ figure 3

  private void upload(Path dir) throws IOException {
    Properties p = props(dir, "upload");
    if (p == null) {
      rows.add("| 3 | upload | not run | | | ≥ 0.8x, -Xmx64m | |");
      return;
    }
    double ratio = d(p, "ratio");
    rows.add(
        row(
            "3",
            "export of a " + Long.parseLong(p.getProperty("fileBytes")) / 1048576 + " MiB file (MB/s, median of "
                + p.getProperty("samplesPerSide") + " per side; child JVMs -Xmx" + p.getProperty("xmx")
                + "; " + p.getProperty("bodyBytes") + " bytes sent by each)",
            fmt(d(p, "sdk.mbps.median"), 0) + " MB/s (" + p.getProperty("sdk.mbps.all") + ")",
            fmt(d(p, "baseline.mbps.median"), 0) + " MB/s (" + p.getProperty("baseline.mbps.all") + ")",
            fmt(ratio, 2) + "x",
            "≥ 0.8x",
            ratio >= 0.8));
    rows.add(
        row(
            "3",
            "… runs with -Xmx" + p.getProperty("xmx") + " (peak heap, sum of pool peaks)",
            "yes, " + mib(d(p, "sdk.peakHeapBytes")),
            "yes, " + mib(d(p, "baseline.peakHeapBytes")),
            fmt(d(p, "sdk.peakHeapBytes") / d(p, "baseline.peakHeapBytes"), 2) + "x",
            "-Xmx64m",
            p.getProperty("xmx").equals("64m")));
  }

  // ------------------------------------------------------------------ figure 4

  private void paging(Path dir) throws IOException {
    Properties p = props(dir, "paging");
    if (p == null) {
      rows.add("| 4 | paging | not run | | | flat heap | |");
      return;
    }
    List<String> counts =
        p.stringPropertyNames().stream()
            .filter(k -> k.endsWith(".features"))
            .map(k -> k.substring(0, k.indexOf('.')))
            .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
            .collect(Collectors.toList());
    for (String n : counts) {
      rows.add(
          row(
              "4",
              "iterate " + n + " features in pages of 100 (" + p.getProperty(n + ".pageRequests")
                  + " requests): peak live heap during iteration vs before it (held: "
                  + kib(d(p, n + ".heldByIterationBytes")) + "; median "
                  + mib(d(p, n + ".medianLiveBytes")) + "; first/last page "
                  + mib(d(p, n + ".firstPageLiveBytes")) + " / " + mib(d(p, n + ".lastPageLiveBytes")) + ")",
              mib(d(p, n + ".peakLiveBytes")),
              mib(d(p, n + ".baselineLiveBytes")) + " (holding nothing)",
              fmt(d(p, n + ".ratioPeakToBaseline"), 3) + "x",
              "report peak",
              null));
      rows.add(
          row(
              "4",
              "… same, natural GC: sampled peak used heap (garbage included) / largest heap after a GC ("
                  + p.getProperty(n + ".natural.gcs") + " GCs, -Xmx" + Long.parseLong(p.getProperty("maxHeapBytes")) / 1048576 + "m)",
              mib(d(p, n + ".natural.peakUsedBytes")) + " / " + mib(d(p, n + ".natural.maxAfterGcBytes")),
              "",
              "",
              "",
              null));
    }
    if (p.getProperty("peakLargeMinusSmallBytes") != null && counts.size() >= 2) {
      double peakGrowth = d(p, "peakLargeMinusSmallBytes");
      double drift = d(p, "driftLastMinusFirstPageBytes");
      String small = counts.get(0);
      String large = counts.get(counts.size() - 1);
      int morePages = (Integer.parseInt(large) - Integer.parseInt(small)) / 100;
      rows.add(
          row(
              "4",
              "heap flat: peak live heap at " + large + " minus at " + small + " features (" + morePages
                  + " more pages); and the live heap at the last page minus the first in the " + large + " run",
              kib(peakGrowth) + "; " + kib(drift),
              "0; 0",
              "",
              "both < 1 MiB (the whole " + small + "-feature iteration held "
                  + kib(d(p, small + ".heldByIterationBytes")) + ")",
              peakGrowth < 1024 * 1024 && drift < 1024 * 1024));
    }
  }

  // ------------------------------------------------------------------ figure 5

  private void footprint(Path dir) throws IOException {
    Properties p = props(dir, "footprint");
    if (p == null) {
      rows.add("| 5 | footprint | not run | | | ≤ 3 MiB | |");
      return;
    }
    rows.add(
        row(
            "5",
            "calm-sdk-deployment runtime class path (" + p.getProperty("jars") + " jars; SDK's own "
                + kib(d(p, "sdkJarsBytes")) + ")",
            mib(d(p, "totalBytes")) + " (" + p.getProperty("totalBytes") + " B)",
            mib(d(p, "baselineBytes")) + " (Jackson databind/core/annotations/jsr310)",
            fmt(d(p, "ratio"), 2) + "x",
            "≤ 3 MiB",
            Boolean.parseBoolean(p.getProperty("met"))));
  }

  // ------------------------------------------------------------------ figures 6 and 7: the relay

  private void relay(Path dir) throws IOException {
    Properties p = props(dir, "relay");
    if (p == null) {
      rows.add("| 6 | relay throughput | not run | | | report | |");
      return;
    }
    String per = p.getProperty("blocks") + " blocks of " + p.getProperty("entriesPerBlock");
    for (String store : List.of("sqlite", "postgresql")) {
      String k = "submit." + store + ".";
      String label = store.equals("sqlite") ? "SQLite (WAL, synchronous=FULL on both)" : "PostgreSQL (synchronous_commit on)";
      if (p.getProperty(k + "ratio.median") == null) {
        rows.add(row("6", "durable submit to " + label + ": skipped (" + p.getProperty(k + "skipped", "not run") + ")",
            "", "", "", "report", null));
        continue;
      }
      rows.add(
          row(
              "6",
              "durable submit to " + label + ", entries/s (" + per + ", taking turns)",
              fmt(d(p, k + "sdk.perSecond.median"), 0) + " /s (Relay.submit)",
              fmt(d(p, k + "baseline.perSecond.median"), 0) + " /s (raw JDBC insert of the same row)",
              ratioCell(p, k),
              "report",
              null));
    }
    rows.add(
        row(
            "6",
            "dispatch to the testkit fake, reference exports/s (" + per + "; the relay on SQLite, runOnce per block;"
                + " delivered " + p.getProperty("dispatch.delivered") + ")",
            fmt(d(p, "dispatch.sdk.perSecond.median"), 0) + " /s (Relay.runOnce)",
            fmt(d(p, "dispatch.baseline.perSecond.median"), 0) + " /s (DeploymentClient.export in a loop)",
            ratioCell(p, "dispatch."),
            "report",
            null));
  }

  private void recovery(Path dir) throws IOException {
    Properties p = props(dir, "recovery");
    if (p == null) {
      rows.add("| 7 | relay recovery | not run | | | report | |");
      return;
    }
    rows.add(
        row(
            "7",
            "recovery after SIGKILL (exit status " + p.getProperty("killed.exitStatus") + ") with "
                + p.getProperty("killed.inFlight") + " entries in flight on SQLite: new relay's main() to its first"
                + " call (store open, lock taken, leases cleared, first package claimed); in brackets: store and"
                + " client open",
            fmt(d(p, "recover.takeoverMs"), 0) + " ms (" + fmt(d(p, "recover.openMs"), 0) + " ms)",
            "the lease without the takeover: 10 min",
            "",
            "seconds, not a lease",
            d(p, "recover.takeoverMs") < 10_000));
    rows.add(
        row(
            "7",
            "… until the pass ends with none pending: delivered / unresolved / failed (the child process, JVM start"
                + " included: " + seconds(d(p, "recover.processMs")) + ")",
            seconds(d(p, "recover.drainedMs")) + ": " + p.getProperty("recover.delivered") + " / "
                + p.getProperty("recover.unresolved") + " / " + p.getProperty("recover.failed"),
            "transport requests created: " + p.getProperty("recover.fakeTransportRequestsCreated"),
            fmt(d(p, "entries") / (d(p, "recover.drainedMs") / 1000), 0) + " entries/s",
            "0 lost",
            d(p, "recover.delivered") + d(p, "recover.unresolved") + d(p, "recover.failed") == d(p, "entries")));
  }

  /** Wall / process CPU / calling thread's CPU per call; older result files have only the process CPU median. */
  private static String cpuCell(Properties p, String c) {
    if (p.getProperty(c + ".cpu.us.mean") == null) {
      return fmt(d(p, c + ".wall.us.median"), 0) + " / " + fmt(d(p, c + ".cpu.us.median"), 0) + " µs";
    }
    return fmt(d(p, c + ".wall.us.median"), 0) + " / " + fmt(d(p, c + ".cpu.us.mean"), 0) + " / "
        + fmt(d(p, c + ".callerCpu.us.median"), 0) + " µs";
  }

  private static String ratioCell(Properties p, String prefix) {
    return fmt(d(p, prefix + "ratio.median"), 2) + "x (p25–p75 " + fmt(d(p, prefix + "ratio.p25"), 2) + "–"
        + fmt(d(p, prefix + "ratio.p75"), 2) + ")";
  }

  // ------------------------------------------------------------------ helpers

  private static String row(String n, String figure, String sdk, String base, String ratio, String goal, Boolean met) {
    String m = met == null ? "" : met ? "yes" : "**no**";
    return "| " + n + " | " + figure + " | " + sdk + " | " + base + " | " + ratio + " | " + goal + " | " + m + " |";
  }

  private static List<Path> files(Path dir, String prefix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".json"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static Properties props(Path dir, String name) throws IOException {
    Path f = dir.resolve(name + ".properties");
    if (!Files.exists(f)) {
      return null;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  private static double d(Properties p, String key) {
    return Double.parseDouble(p.getProperty(key));
  }

  private static double median(List<Double> v) {
    return v == null || v.isEmpty() ? Double.NaN : UploadThroughput.median(v);
  }

  private static String list(List<Double> v) {
    return v.stream().map(x -> fmt(x, 2)).collect(Collectors.joining(", "));
  }

  private static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  private static String ms(double micros) {
    return micros >= 1000 ? fmt(micros / 1000, 1) + " ms" : fmt(micros, 1) + " µs";
  }

  private static String seconds(double millis) {
    return fmt(millis / 1000, 1) + " s";
  }

  private static String mib(double bytes) {
    return fmt(bytes / 1048576, 2) + " MiB";
  }

  private static String kib(double bytes) {
    return fmt(bytes / 1024, 0) + " KiB";
  }
}
