package io.github.calmsdk.examples.spring;

import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.relay.Relay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The example's endpoints: the nodes through the client, and an export handed to the relay.
 *
 * <pre>{@code
 * curl localhost:8080/nodes
 * curl -X POST 'localhost:8080/exports?node=DEV&description=App+1.2' --data-binary @app.mtar
 * }</pre>
 */
@RestController
public class NodesController {
  private final CalmClient calm;
  private final Relay relay;

  /**
   * Creates the controller.
   *
   * @param calm the auto-configured client
   * @param relay the auto-configured relay
   */
  public NodesController(CalmClient calm, Relay relay) {
    this.calm = calm;
    this.relay = relay;
  }

  /**
   * The transport nodes' names.
   *
   * @return the names
   */
  @GetMapping("/nodes")
  public List<String> nodes() {
    return calm.deployment().nodes().stream().map(n -> n.name().value()).toList();
  }

  /**
   * Stores an export in the relay, which sends it (the relay copies the file into its spool first).
   *
   * @param node the node to export to, such as {@code DEV}
   * @param description the transport request's description
   * @param content the MTA archive's bytes
   * @return the relay entry's id
   * @throws IOException when the upload cannot be written to a temporary file
   */
  @PostMapping("/exports")
  public Map<String, Long> export(
      @RequestParam("node") String node, @RequestParam("description") String description, @RequestBody byte[] content)
      throws IOException {
    Path file = Files.createTempFile("calm-export", ".mtar");
    try {
      Files.write(file, content);
      long id = relay.submit(ExportRequest.builder().node(node).file(file).contentType(ContentType.MTA)
          .description(description).build());
      return Map.of("entry", id);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
