package io.github.calmsdk.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.calmsdk.core.json.JacksonJsonCodec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a command writes: aligned tables and plain lines for people, or exactly one JSON document per command
 * (one per line for {@code watch}) with {@code --json}. Errors and progress go to stderr, never to stdout.
 */
final class Output {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean json;
  private final boolean terminal;
  /** One line per document; absent values written as null, so every document of a kind has the same keys. */
  private final ObjectMapper mapper =
      JacksonJsonCodec.defaultMapper()
          .disable(SerializationFeature.INDENT_OUTPUT)
          .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));

  Output(PrintStream out, PrintStream err, boolean json, boolean terminal) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.terminal = terminal;
  }

  boolean json() {
    return json;
  }

  /** Whether stderr is an interactive terminal, so a progress bar may be drawn. */
  boolean terminal() {
    return terminal;
  }

  PrintStream err() {
    return err;
  }

  /** Writes one JSON document on one line (only with --json). */
  void document(Object value) {
    try {
      out.println(mapper.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON output", e);
    }
  }

  /** Writes a line for people (ignored with --json). */
  void line(String text) {
    if (!json) {
      out.println(text);
      out.flush();
    }
  }

  /** Writes an aligned table for people (ignored with --json). */
  void table(List<String> headers, List<List<String>> rows) {
    table(headers, rows, "");
  }

  /** Writes an aligned table for people, each line indented (ignored with --json). */
  void table(List<String> headers, List<List<String>> rows, String indent) {
    if (json) {
      return;
    }
    int[] width = new int[headers.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < width.length && i < row.size(); i++) {
        width[i] = Math.max(width[i], cell(row, i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < width.length; i++) {
        String c = cell(row, i);
        sb.append(c);
        if (i < width.length - 1) {
          sb.append(" ".repeat(width[i] - c.length() + 2));
        }
      }
      out.println(indent + sb.toString().stripTrailing());
    }
    if (rows.isEmpty()) {
      out.println(indent + "(none)");
    }
    out.flush();
  }

  /** Writes name-value pairs for people, the values aligned (ignored with --json). */
  void fields(Map<String, String> fields, String indent) {
    if (json) {
      return;
    }
    int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
    fields.forEach(
        (name, value) ->
            out.println(indent + name + " ".repeat(width - name.length() + 2) + (value == null ? "-" : value)));
    out.flush();
  }

  private static String cell(List<String> row, int i) {
    String c = i < row.size() ? row.get(i) : "";
    return c == null ? "" : c.replaceAll("[\\r\\n\\t]", " ");
  }

  /** A note for people on stderr (progress, what is being watched), kept out of stdout so pipes stay clean. */
  void note(String text) {
    if (!json) {
      err.println(text);
      err.flush();
    }
  }

  /** An error for people: one or two lines on stderr. */
  void error(String message, String hint) {
    err.println("calm: " + message);
    if (hint != null) {
      err.println("  " + hint);
    }
    err.flush();
  }
}
