package io.github.calmsdk.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Figure 3: exporting a 1 GiB file. A sparse file (RandomAccessFile.setLength) in a temporary directory, deleted
 * afterwards; one loopback server that reads and discards the upload and counts its bytes; each side runs in its own
 * child JVM with the same flags ({@code -Xmx64m} by default), alternating baseline and SDK for {@code --rounds}
 * rounds so that drifting load on a shared machine falls on both.
 *
 * <pre>java -cp benchmarks.jar io.github.calmsdk.benchmarks.UploadThroughput --size-mib 1024 --rounds 2 --out target/results</pre>
 */
public final class UploadThroughput {
  private UploadThroughput() {}

  public static void main(String[] args) throws Exception {
    long sizeMib = Long.parseLong(Results.arg(args, "--size-mib", "1024"));
    int rounds = Integer.parseInt(Results.arg(args, "--rounds", "2"));
    String warmup = Results.arg(args, "--warmup", "1");
    String iterations = Results.arg(args, "--iterations", "2");
    String xmx = Results.arg(args, "--xmx", "64m");
    Path out = Path.of(Results.arg(args, "--out", "target/results"));

    Path dir = Files.createTempDirectory("calm-bench-upload");
    Path file = dir.resolve("export.mtar");
    TransportApiEndpoint api = new TransportApiEndpoint(1);
    try (Loopback server = Loopback.start(Map.of(TransportApiEndpoint.ROOT, api))) {
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(sizeMib * 1024 * 1024);
      }
      List<Double> sdk = new ArrayList<>();
      List<Double> baseline = new ArrayList<>();
      long[] bodyBytes = new long[2];
      long[] peakHeap = new long[2];
      for (int r = 0; r < rounds; r++) {
        for (String side : List.of("baseline", "sdk")) {
          int s = side.equals("sdk") ? 1 : 0;
          long uploadsBefore = api.uploads();
          Child c = run(side, xmx, server, file, warmup, iterations);
          long uploads = api.uploads() - uploadsBefore;
          if (uploads != Integer.parseInt(warmup) + Integer.parseInt(iterations)) {
            throw new IllegalStateException(side + ": the server saw " + uploads + " uploads");
          }
          bodyBytes[s] = api.lastUploadBytes();
          peakHeap[s] = Math.max(peakHeap[s], c.peakHeap);
          for (double seconds : c.seconds) {
            double mbps = bodyBytes[s] / 1e6 / seconds;
            (s == 1 ? sdk : baseline).add(mbps);
            System.out.printf("  round %d %-8s %.1f MB/s (%.2f s)%n", r + 1, side, mbps, seconds);
          }
        }
      }
      if (bodyBytes[0] != bodyBytes[1]) {
        throw new IllegalStateException("the sides sent different lengths: " + Arrays.toString(bodyBytes));
      }
      double sdkMedian = median(sdk);
      double baselineMedian = median(baseline);
      System.out.println("UploadThroughput: " + sizeMib + " MiB file, child JVMs with -Xmx" + xmx);
      new Results("upload")
          .put("fileBytes", sizeMib * 1024 * 1024)
          .put("bodyBytes", bodyBytes[1])
          .put("xmx", xmx)
          .put("samplesPerSide", sdk.size())
          .put("sdk.mbps.median", sdkMedian)
          .put("sdk.mbps.all", join(sdk))
          .put("baseline.mbps.median", baselineMedian)
          .put("baseline.mbps.all", join(baseline))
          .put("ratio", sdkMedian / baselineMedian)
          .put("sdk.peakHeapBytes", peakHeap[1])
          .put("baseline.peakHeapBytes", peakHeap[0])
          .write(out);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  private record Child(List<Double> seconds, long peakHeap) {}

  private static Child run(String side, String xmx, Loopback server, Path file, String warmup, String iterations)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + xmx);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(UploadChild.class.getName());
    cmd.addAll(
        List.of(
            "--side", side, "--base", server.base().toString(), "--file", file.toString(),
            "--warmup", warmup, "--iterations", iterations));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Double> seconds = new ArrayList<>();
    long peak = -1;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("ITER ")) {
          seconds.add(Double.parseDouble(line.substring(5)));
        } else if (line.startsWith("PEAKHEAP ")) {
          peak = Long.parseLong(line.substring(9));
        }
      }
    }
    int rc = p.waitFor();
    if (rc != 0) {
      throw new IllegalStateException(side + " child JVM failed with exit code " + rc + " (-Xmx" + xmx + ")");
    }
    return new Child(seconds, peak);
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String join(List<Double> values) {
    StringBuilder sb = new StringBuilder();
    for (double d : values) {
      sb.append(sb.length() == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.1f", d));
    }
    return sb.toString();
  }
}
