package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code calm.jar} itself, run with {@code java -jar}: the pom runs this test in the verify phase, after
 * the package phase has built the jar, and passes its path ({@code calm.jar}) and the java to run it with ({@code
 * calm.jar.java}, by default the build's own; on JDK 24+ the native-access check is meaningful).
 */
class CalmJarTest {
  @TempDir Path dir;

  private static Path jar() {
    String jar = System.getProperty("calm.jar");
    assertThat(jar).as("the pom passes -Dcalm.jar").isNotBlank();
    assertThat(Path.of(jar)).isRegularFile();
    return Path.of(jar);
  }

  @Test
  void theManifestEnablesNativeAccessForTheBundledSqliteDriver() throws IOException {
    try (JarFile jar = new JarFile(jar().toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Enable-Native-Access")).isEqualTo("ALL-UNNAMED");
      assertThat(jar.getJarEntry("org/sqlite/JDBC.class")).isNotNull();
      assertThat(jar.getJarEntry("org/postgresql/Driver.class")).isNotNull();
    }
  }

  @Test
  void relayListOnANewSqliteStorePrintsNoNativeAccessWarning() throws Exception {
    String java = System.getProperty("calm.jar.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(List.of(java, "-jar", jar().toString(), "relay", "list", "--store", "x.db"))
        .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(stderr).isZero();
    assertThat(stderr).doesNotContain("WARNING: A restricted method").isEmpty();
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("(none)");
    assertThat(dir.resolve("x.db")).isRegularFile();
  }
}
