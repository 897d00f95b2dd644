package io.github.calmsdk.deployment;

import io.github.calmsdk.core.ClientContext;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.URI;

/** Shared set-up of the WireMock contract tests: paths, a pipeline on a fake clock, and a client. */
final class Wm {
  /** The service root under the API base, as Cloud ALM exposes it. */
  static final String ROOT = "/api/imp-cdm-transport-management-api/v1/v2";

  private Wm() {}

  static String path(String relative) {
    return ROOT + relative;
  }

  static URI apiBase(WireMockExtension wm) {
    return URI.create(wm.baseUrl() + "/api");
  }

  static ClientContext context(FakeClock clock) {
    return ClientContext.builder().clock(clock).sleeper(clock.sleeper()).build();
  }

  static DeploymentClient client(WireMockExtension wm, FakeClock clock) {
    return DeploymentClient.create(context(clock), apiBase(wm), DeploymentOptions.defaults());
  }

  static String nodesJson() {
    return "{\"nodes\":["
        + "{\"id\":1,\"name\":\"DEV_NODE\",\"description\":\"Development\",\"uploadAllowed\":true,\"forwardMode\":\"AUTO\"},"
        + "{\"id\":2,\"name\":\"QAS_NODE\",\"importDisabled\":false,\"someNewField\":{\"x\":1}},"
        + "{\"id\":3,\"name\":\"PRD_NODE\",\"importDisabled\":true,\"importDisabledReason\":\"freeze\",\"virtual\":false}"
        + "]}";
  }

  static String tr(long id, String status, String... uris) {
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < uris.length; i++) {
      entries.append(i == 0 ? "" : ",")
          .append("{\"id\":")
          .append(900 + i)
          .append(",\"storageType\":\"FILE\",\"contentType\":\"MTA\",\"uri\":\"")
          .append(uris[i])
          .append("\"}");
    }
    return "{\"id\":" + id + ",\"status\":\"" + status + "\",\"archived\":false,\"position\":1,"
        + "\"createdBy\":\"sb-client\",\"description\":\"TR " + id + "\",\"createdAt\":\"2026-11-21T10:00:00.000Z\","
        + "\"entries\":[" + entries + "]}";
  }

  static String trs(String... trs) {
    return "{\"transportRequests\":[" + String.join(",", trs) + "]}";
  }
}
