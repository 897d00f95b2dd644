package io.github.calmsdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README tells the truth where it can be checked: its quick start is QuickStart.java, imports included. */
class ReadmeTest {
  private static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("README.md"))) {
      p = p.getParent();
    }
    assertThat(p).as("the project root, with README.md").isNotNull();
    return p;
  }

  @Test
  void theReadmesQuickStartIsQuickStartJavaWithItsImports() throws IOException {
    String readme = Files.readString(root().resolve("README.md"));
    String section = readme.substring(readme.indexOf("## Quick start"));
    Matcher m = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL).matcher(section);
    assertThat(m.find()).as("a java block in the quick start").isTrue();
    String file =
        Files.readString(
            root().resolve("calm-sdk-examples/src/main/java/io/github/calmsdk/examples/QuickStart.java"));

    assertThat(m.group(1).strip()).isEqualTo(file.strip());
    assertThat(m.group(1)).contains("import io.github.calmsdk.client.CalmClient;");
  }

  @Test
  void theReadmesBomVersionIsTheBuildsVersion() throws IOException {
    String readme = Files.readString(root().resolve("README.md"));
    String pom = Files.readString(root().resolve("calm-sdk-bom/pom.xml"));
    Matcher v = Pattern.compile("<artifactId>calm-sdk-bom</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertThat(v.find()).isTrue();

    assertThat(readme).contains("<version>" + v.group(1) + "</version><type>pom</type>");
  }
}
