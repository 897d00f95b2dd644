package io.github.calmsdk.examples;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeName;
import java.nio.file.Path;
import java.time.Duration;

/** The quick start: a client from the service key in CALM_SERVICE_KEY, export a file from DEV, import it into QAS. */
public final class QuickStart {
  public static void main(String[] args) {
    try (CalmClient calm = CalmClient.create(ServiceKey.fromEnvironment("CALM_SERVICE_KEY"))) {
      ExportResult exported = calm.deployment().export(ExportRequest.builder()
          .node("DEV").file(Path.of("app.mtar")).contentType(ContentType.MTA).description("Release 1.0").build());
      ImportOutcome outcome = calm.deployment()
          .importTransports(ImportRequest.of(NodeName.of("QAS"), exported.transportRequestId()))
          .await(Duration.ofMinutes(30));
      System.out.println("transport request " + exported.transportRequestId() + " in QAS: " + outcome.status());
    }
  }
}
