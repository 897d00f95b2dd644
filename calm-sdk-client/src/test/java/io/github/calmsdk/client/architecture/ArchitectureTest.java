package io.github.calmsdk.client.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of the README's architecture section, read from the sources of every published module: no
 * cycle between the packages of one module, and no arrow between the two service modules (features and
 * deployment), which only the client module above them joins.
 *
 * <p>One kind of cycle is allowed: between a package and its own {@code internal} package. The public factory
 * creates the internal implementation, which returns the public records (AWS SDK v2's {@code DefaultXxxClient} and
 * Azure's {@code implementation} packages are laid out the same way). Any other cycle fails.
 */
class ArchitectureTest {
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.github\\.calmsdk[\\w.]*)\\.[\\w*]+;", Pattern.MULTILINE);
  private static final Pattern QUALIFIED = Pattern.compile("\\b(io\\.github\\.calmsdk(?:\\.[a-z]\\w*)+)\\.[A-Z]\\w*");
  /** The published modules with main sources. */
  private static final List<String> MODULES =
      List.of(
          "calm-sdk-core", "calm-sdk-auth", "calm-sdk-features", "calm-sdk-deployment", "calm-sdk-client",
          "calm-sdk-relay", "calm-sdk-testkit", "calm-sdk-micrometer", "calm-spring-boot-autoconfigure");

  private static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("calm-sdk-core"))) {
      p = p.getParent();
    }
    assertThat(p).as("the project root, above calm-sdk-core").isNotNull();
    return p;
  }

  /** Package → the packages of the same module that its main sources refer to (imports and qualified names). */
  private static Map<String, Set<String>> packageGraph(Path module) {
    Map<String, Set<String>> graph = new TreeMap<>();
    Path src = module.resolve("src/main/java");
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))::iterator) {
        String text = Files.readString(f);
        Matcher pm = PACKAGE.matcher(text);
        if (!pm.find()) {
          continue;
        }
        String own = pm.group(1);
        Set<String> uses = graph.computeIfAbsent(own, k -> new TreeSet<>());
        String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        for (Pattern p : List.of(IMPORT, QUALIFIED)) {
          Matcher m = p.matcher(code);
          while (m.find()) {
            if (!m.group(1).equals(own)) {
              uses.add(m.group(1));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> own = graph.keySet();
    graph.values().forEach(v -> v.retainAll(own));
    return graph;
  }

  private static List<String> cycles(Map<String, Set<String>> graph) {
    List<String> found = new ArrayList<>();
    for (String a : graph.keySet()) {
      for (String b : graph.get(a)) {
        if (reaches(graph, b, a, new TreeSet<>())) {
          found.add(a + " -> " + b + " -> ... -> " + a);
        }
      }
    }
    return found;
  }

  private static boolean reaches(Map<String, Set<String>> graph, String from, String to, Set<String> seen) {
    if (from.equals(to)) {
      return true;
    }
    if (!seen.add(from)) {
      return false;
    }
    for (String next : graph.getOrDefault(from, Set.of())) {
      if (reaches(graph, next, to, seen)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The graph without the edges from an {@code x.internal[.y]} package back to {@code x}, its own API package: the
   * one kind of cycle allowed.
   */
  private static Map<String, Set<String>> withoutBackEdgesToOwnApi(Map<String, Set<String>> graph) {
    Map<String, Set<String>> kept = new TreeMap<>();
    graph.forEach((from, tos) -> {
      Set<String> targets = new TreeSet<>(tos);
      if (!unit(from).equals(from)) {
        targets.remove(unit(from));
      }
      kept.put(from, targets);
    });
    return kept;
  }

  private static String unit(String pkg) {
    int i = pkg.indexOf(".internal");
    return i < 0 ? pkg : pkg.substring(0, i);
  }

  @Test
  void noModuleHasACycleBetweenItsPackagesBeyondAPackageAndItsOwnInternalPackage() {
    Path root = root();
    for (String module : MODULES) {
      Map<String, Set<String>> graph = packageGraph(root.resolve(module));
      assertThat(graph).as(module + " has main sources").isNotEmpty();
      assertThat(cycles(withoutBackEdgesToOwnApi(graph))).as(module).isEmpty();
    }
  }

  @Test
  void coreAndTheClientHaveNoPackageCycleAtAll() {
    Path root = root();
    for (String module : List.of("calm-sdk-core", "calm-sdk-client")) {
      assertThat(cycles(packageGraph(root.resolve(module)))).as(module).isEmpty();
    }
  }

  @Test
  void theServiceModulesDoNotReferToEachOther() throws IOException {
    Path root = root();
    for (String[] pair : new String[][] {{"deployment", "features"}, {"features", "deployment"}}) {
      Path module = root.resolve("calm-sdk-" + pair[0]);
      assertThat(Files.readString(module.resolve("pom.xml"))).as(pair[0] + "'s pom").doesNotContain("calm-sdk-" + pair[1]);
      try (Stream<Path> files = Files.walk(module.resolve("src"))) {
        for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))::iterator) {
          assertThat(Files.readString(f)).as(f.toString()).doesNotContain("io.github.calmsdk." + pair[1]);
        }
      }
    }
  }

  @Test
  void theServiceModulesDependOnCoreAloneAmongTheSdkModules() throws IOException {
    Path root = root();
    for (String module : List.of("calm-sdk-deployment", "calm-sdk-features")) {
      String pom = Files.readString(root.resolve(module + "/pom.xml"));
      String moduleInfo = Files.readString(root.resolve(module + "/src/main/java/module-info.java"));
      assertThat(pom).as(module).doesNotContain("calm-sdk-auth").doesNotContain("calm-sdk-client");
      assertThat(moduleInfo).as(module).doesNotContain("calmsdk.auth").doesNotContain("calmsdk.client");
    }
  }

  @Test
  void onlyTheBackEdgeToItsOwnApiIsForgivenNotACycleThroughAnotherPackage() {
    Map<String, Set<String>> graph =
        Map.of("x", Set.of("x.internal"), "x.internal", Set.of("x", "y"), "y", Set.of("x"));
    assertThat(cycles(withoutBackEdgesToOwnApi(graph))).isNotEmpty();
    assertThat(cycles(withoutBackEdgesToOwnApi(Map.of("x", Set.of("x.internal"), "x.internal", Set.of("x"))))).isEmpty();
  }

  @Test
  void theCycleFinderFindsACycle() {
    Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
    assertThat(cycles(graph)).hasSize(3);
  }
}
