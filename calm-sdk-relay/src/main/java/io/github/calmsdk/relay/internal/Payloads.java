package io.github.calmsdk.relay.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.ExportMode;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.RetryRequest;
import io.github.calmsdk.deployment.StorageType;
import io.github.calmsdk.deployment.TransportRequestId;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored JSON of a request: what is needed to send it again after a restart, and nothing secret (a request
 * holds no credentials; the progress listener is not kept).
 */
public final class Payloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Payloads() {}

  /** A spooled (or referenced in place) file of an export. */
  public record SpoolFile(Path path, String name, boolean spooled) {}

  /** An export as stored. */
  public record Export(
      String node, ContentType contentType, StorageType storageType, String description, String namedUser,
      ExportMode mode, Duration timeout, List<SpoolFile> files, List<String> references) {
    /** Copies the lists. */
    public Export {
      files = List.copyOf(files);
      references = List.copyOf(references);
    }
  }

  /** Encodes an export. */
  public static String export(Export e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("node", e.node());
    o.put("contentType", e.contentType().value());
    o.put("storageType", e.storageType().value());
    o.put("description", e.description());
    if (e.namedUser() != null) {
      o.put("namedUser", e.namedUser());
    }
    o.put("mode", e.mode().name());
    if (e.timeout() != null) {
      o.put("timeoutMillis", e.timeout().toMillis());
    }
    ArrayNode files = o.putArray("files");
    for (SpoolFile f : e.files()) {
      files.addObject().put("path", f.path().toString()).put("name", f.name()).put("spooled", f.spooled());
    }
    ArrayNode refs = o.putArray("references");
    e.references().forEach(refs::add);
    return write(o);
  }

  /** Decodes an export. */
  public static Export export(String json) {
    JsonNode o = read(json);
    List<SpoolFile> files = new ArrayList<>();
    for (JsonNode f : o.path("files")) {
      files.add(new SpoolFile(Path.of(f.get("path").asText()), f.get("name").asText(), f.get("spooled").asBoolean()));
    }
    List<String> refs = new ArrayList<>();
    o.path("references").forEach(r -> refs.add(r.asText()));
    return new Export(
        o.get("node").asText(),
        ContentType.of(o.get("contentType").asText()),
        StorageType.of(o.get("storageType").asText()),
        o.get("description").asText(),
        o.hasNonNull("namedUser") ? o.get("namedUser").asText() : null,
        ExportMode.valueOf(o.get("mode").asText()),
        o.hasNonNull("timeoutMillis") ? Duration.ofMillis(o.get("timeoutMillis").asLong()) : null,
        files,
        refs);
  }

  /** Encodes an import. */
  public static String importRequest(ImportRequest r) {
    ObjectNode o = JSON.createObjectNode();
    node(o, r.node());
    ids(o, r.transportRequests());
    o.put("all", r.all());
    if (r.namedUser() != null) {
      o.put("namedUser", r.namedUser());
    }
    return write(o);
  }

  /** Decodes an import. */
  public static ImportRequest importRequest(String json) {
    JsonNode o = read(json);
    return new ImportRequest(node(o), ids(o), o.path("all").asBoolean(), text(o, "namedUser"));
  }

  /** Encodes a retry. */
  public static String retry(RetryRequest r) {
    ObjectNode o = JSON.createObjectNode();
    node(o, r.node());
    ids(o, r.transportRequests());
    if (r.namedUser() != null) {
      o.put("namedUser", r.namedUser());
    }
    return write(o);
  }

  /** Decodes a retry. */
  public static RetryRequest retry(String json) {
    JsonNode o = read(json);
    return new RetryRequest(node(o), ids(o), text(o, "namedUser"));
  }

  /** The sequence key of a node's imports and retries: they go out in submit order. */
  public static String seqKey(NodeRef node) {
    return node instanceof NodeId id ? "node-id:" + id.value() : "node:" + ((NodeName) node).value();
  }

  private static void node(ObjectNode o, NodeRef node) {
    if (node instanceof NodeId id) {
      o.put("nodeId", id.value());
    } else {
      o.put("node", ((NodeName) node).value());
    }
  }

  private static NodeRef node(JsonNode o) {
    return o.has("nodeId") ? NodeId.of(o.get("nodeId").asLong()) : NodeName.of(o.get("node").asText());
  }

  private static void ids(ObjectNode o, List<TransportRequestId> ids) {
    ArrayNode a = o.putArray("transportRequests");
    ids.forEach(id -> a.add(id.value()));
  }

  private static List<TransportRequestId> ids(JsonNode o) {
    List<TransportRequestId> ids = new ArrayList<>();
    o.path("transportRequests").forEach(n -> ids.add(TransportRequestId.of(n.asLong())));
    return ids;
  }

  private static String text(JsonNode o, String field) {
    return o.hasNonNull(field) ? o.get(field).asText() : null;
  }

  static String write(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectMapper mapper() {
    return JSON;
  }
}
