package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run of the command line produced.
 *
 * @param exit the exit code
 * @param out stdout
 * @param err stderr
 */
record CliRun(int exit, String out, String err) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Stdout as exactly one JSON document and nothing else. */
  JsonNode json() {
    List<JsonNode> docs = jsonLines();
    assertThat(docs).as("JSON documents on stdout: %s", out).hasSize(1);
    return docs.get(0);
  }

  /** Stdout as JSON documents, one per line, and nothing else. */
  List<JsonNode> jsonLines() {
    List<JsonNode> docs = new ArrayList<>();
    for (String line : out.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(line)) {
        docs.add(it.next());
        assertThat(it.hasNext()).as("one JSON document per line: %s", line).isFalse();
      } catch (IOException e) {
        throw new UncheckedIOException("stdout is not JSON lines: " + out, e);
      }
    }
    assertThat(out).as("stdout ends with a newline").endsWith("\n");
    return docs;
  }

  /** Stdout's lines. */
  List<String> lines() {
    return List.of(out.split("\n"));
  }
}
