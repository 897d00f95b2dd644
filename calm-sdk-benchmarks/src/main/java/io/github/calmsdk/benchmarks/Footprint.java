package io.github.calmsdk.benchmarks;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 5: the size of calm-sdk-deployment's runtime class path, its own jar plus what {@code mvn
 * dependency:build-classpath -pl calm-sdk-deployment -DincludeScope=runtime} lists. The baseline is what a
 * hand-written java.net.http + Jackson client needs for the same records: jackson-databind, -core, -annotations and
 * -datatype-jsr310 (java.net.http is in the JDK).
 *
 * <pre>java -cp benchmarks.jar io.github.calmsdk.benchmarks.Footprint --classpath-file cp.txt --jar calm-sdk-deployment.jar</pre>
 */
public final class Footprint {
  private static final List<String> BASELINE =
      List.of("jackson-databind-", "jackson-core-", "jackson-annotations-", "jackson-datatype-jsr310-");

  private Footprint() {}

  public static void main(String[] args) throws Exception {
    Path cpFile = Path.of(Results.arg(args, "--classpath-file", null));
    Path jar = Path.of(Results.arg(args, "--jar", null));
    Path out = Path.of(Results.arg(args, "--out", "target/results"));
    List<Path> jars = new ArrayList<>();
    jars.add(jar);
    String cp = Files.readString(cpFile, StandardCharsets.UTF_8).trim();
    for (String e : cp.split(File.pathSeparator)) {
      if (!e.isBlank()) {
        jars.add(Path.of(e.trim()));
      }
    }
    long total = 0;
    long ours = 0;
    long baseline = 0;
    StringBuilder listing = new StringBuilder();
    System.out.println("Footprint: calm-sdk-deployment's runtime class path");
    for (Path p : jars) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException(p + " is not a jar file (was the module packaged?)");
      }
      long size = Files.size(p);
      String name = p.getFileName().toString();
      total += size;
      if (name.startsWith("calm-sdk-")) {
        ours += size;
      }
      if (BASELINE.stream().anyMatch(name::startsWith)) {
        baseline += size;
      }
      listing.append(listing.length() == 0 ? "" : ",").append(name).append(':').append(size);
      System.out.printf("  %9d  %s%n", size, name);
    }
    new Results("footprint")
        .put("jars", jars.size())
        .put("totalBytes", total)
        .put("totalMiB", total / 1048576.0)
        .put("sdkJarsBytes", ours)
        .put("thirdPartyBytes", total - ours)
        .put("baselineBytes", baseline)
        .put("ratio", (double) total / baseline)
        .put("goalBytes", 3L * 1024 * 1024)
        .put("met", total <= 3L * 1024 * 1024)
        .put("listing", listing)
        .write(out);
  }
}
