package io.github.calmsdk.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.github.calmsdk.core.event.CallEnded;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.testkit.FakeCalm;
import org.springframework.boot.SpringApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

class CalmExampleApplicationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void startsAgainstTheFakeWithTheCalmHealthComponentUpAndCalmMetersAfterACall() throws Exception {
    try (ConfigurableApplicationContext app = CalmExampleApplication.application()
        .run("--server.port=0", "--calm.relay.store=" + dir.resolve("relay.db"))) {
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");

      assertThat(names(get(base + "/nodes"))).containsExactly("DEV", "QAS", "PRD");

      JsonNode health = get(base + "/actuator/health");
      System.out.println("GET /actuator/health\n" + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(health));
      JsonNode calm = health.path("components").path("calm");
      assertThat(calm.path("status").asText()).isEqualTo("UP");
      assertThat(calm.path("details").path("transportManagement").path("nodes").asInt()).isEqualTo(3);
      assertThat(health.toString()).doesNotContain(app.getBean(FakeCalm.class).clientSecret());

      List<String> meters = names(get(base + "/actuator/metrics").path("names"));
      System.out.println("calm meters: " + meters.stream().filter(n -> n.startsWith("calm.")).toList());
      assertThat(meters).contains("calm.client.requests", "calm.relay.entries", "calm.relay.oldest.pending");
      JsonNode requests = get(base + "/actuator/metrics/calm.client.requests");
      System.out.println("GET /actuator/metrics/calm.client.requests\n"
          + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(requests));
      assertThat(requests.path("measurements").get(0).path("value").asDouble()).isPositive();
    }
  }

  @Test
  void anExportPostedToTheAppIsSentByTheRelayThread() throws Exception {
    CountDownLatch exported = new CountDownLatch(1);
    SpringApplication application = CalmExampleApplication.application();
    application.addInitializers(context -> context.getBeanFactory().registerSingleton("exportLatch",
        new CalmListener() {
          @Override
          public void callEnded(CallEnded e) {
            if (e.call().operation().equals("relay.export") && e.failure() == null) {
              exported.countDown();
            }
          }
        }));
    try (ConfigurableApplicationContext app =
        application.run("--server.port=0", "--calm.relay.store=" + dir.resolve("relay.db"))) {
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");

      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/exports?node=DEV&description=App+1.2"))
          .header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofByteArray("mtar bytes".getBytes(StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).path("entry").asLong()).isPositive();
      assertThat(exported.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(app.getBean(FakeCalm.class).transportRequests()).extracting(t -> t.description())
          .containsExactly("App 1.2");
    }
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
