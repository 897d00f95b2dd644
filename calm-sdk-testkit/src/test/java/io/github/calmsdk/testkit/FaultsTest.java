package io.github.calmsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private final FakeCalm fake = FakeCalm.builder().importPollsUntilDone(0).start();
  private final Http http = new Http(fake);

  @AfterEach
  void close() {
    fake.close();
  }

  private Http.Res export(long fileId) throws Exception {
    return http.post(http.tms("/v2/nodes/export"), Http.exportBody("DEV", fileId, "faulty"));
  }

  @Test
  void statusFaultAnswersTheGivenTimesWithRetryAfterWithoutProcessing() throws Exception {
    long fileId = http.uploadBytes("a.mtar", new byte[] {1});
    Fault f = fake.faults().on("POST", ".+/v2/nodes/export").status(503).retryAfter(Duration.ofSeconds(1)).times(2);

    Http.Res first = export(fileId);
    Http.Res second = export(fileId);
    Http.Res third = export(fileId);

    assertThat(first.status()).isEqualTo(503);
    assertThat(first.header("Retry-After")).isEqualTo("1");
    assertThat(first.json().get("errorType").asText()).isNotBlank();
    assertThat(second.status()).isEqualTo(503);
    assertThat(third.status()).isEqualTo(200);
    assertThat(f.fired()).isEqualTo(2);
    assertThat(fake.transportRequests()).hasSize(1);
    assertThat(fake.requestCount("POST", ".+/v2/nodes/export")).isEqualTo(3);
  }

  @Test
  void statusFaultOnFeaturesUsesTheODataErrorShapeAndCustomHeaders() throws Exception {
    fake.faults().on("GET", ".*/Features").status(429).header("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT").once();

    Http.Res r = http.get(http.features("/Features"));

    assertThat(r.status()).isEqualTo(429);
    assertThat(r.header("Retry-After")).isEqualTo("Wed, 21 Oct 2026 07:28:00 GMT");
    assertThat(r.json().at("/error/code").asText()).isEqualTo("429");
  }

  @Test
  void delayFaultHoldsTheAnswerSoAClientTimeoutFires() throws Exception {
    fake.faults().on("GET", ".*").delay(Duration.ofMillis(600)).once();
    HttpRequest slow = http.authorized(http.tms("/v2/nodes")).timeout(Duration.ofMillis(150)).GET().build();

    assertThatThrownBy(() -> Http.send(slow)).isInstanceOf(HttpTimeoutException.class);
    long start = System.nanoTime();
    assertThat(http.get(http.tms("/v2/nodes")).status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600));
  }

  @Test
  void delayWithoutAKindAnswersNormallyAfterTheDelay() throws Exception {
    fake.faults().on("GET", ".+/v2/routes").delay(Duration.ofMillis(200)).once();

    long start = System.nanoTime();
    Http.Res r = http.get(http.tms("/v2/routes"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void connectionResetIsAnIOExceptionInJavaNetHttpAndNothingIsProcessed() throws Exception {
    Fault f = fake.faults().on("POST", ".+/v2/files/upload").connectionReset().times(1);

    assertThatThrownBy(() -> http.uploadBytes("a.mtar", new byte[] {1, 2, 3}))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);
    assertThat(f.fired()).isEqualTo(1);
    assertThat(fake.uploadedFiles()).isEmpty();
    assertThat(http.uploadBytes("a.mtar", new byte[] {1, 2, 3})).isPositive();
  }

  @Test
  void connectionResetOnAnIdempotentGetIsNotHiddenByAnAutomaticRetry() throws Exception {
    Fault f = fake.faults().on("GET", ".+/v2/nodes").connectionReset().once();

    assertThatThrownBy(() -> http.get(http.tms("/v2/nodes"))).isInstanceOf(IOException.class);
    assertThat(f.fired()).isEqualTo(1);
    assertThat(fake.requestCount("GET", ".+/v2/nodes")).isEqualTo(1);
  }

  @Test
  void malformedBodyIsA200WithTruncatedJson() throws Exception {
    fake.addFeatures("p", 3);
    fake.faults().on("GET", ".*/Features").malformedBody().always();

    Http.Res r = http.get(http.features("/Features"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThatThrownBy(() -> Http.JSON.readTree(r.body())).isInstanceOf(JsonProcessingException.class);
    assertThat(http.get(http.features("/Features")).status()).isEqualTo(200);
  }

  @Test
  void dropAfterProcessingAppliesTheStateChangeThenCutsTheConnection() throws Exception {
    long fileId = http.uploadBytes("a.mtar", new byte[] {1});
    Fault f = fake.faults().on("POST", ".+/v2/nodes/export").dropResponseAfterProcessing().once();

    assertThatThrownBy(() -> export(fileId)).isInstanceOf(IOException.class);

    assertThat(f.fired()).isEqualTo(1);
    assertThat(fake.transportRequests()).hasSize(1);
    assertThat(fake.transportRequests().get(0).description()).isEqualTo("faulty");
  }

  @Test
  void tokenEndpointFaultAnswers503TheGivenTimesThenIssuesTokens() throws Exception {
    Fault f = fake.faults().tokenEndpoint().status(503).times(3);
    String basic = Base64.getEncoder().encodeToString(
        (fake.clientId() + ":" + fake.clientSecret()).getBytes(StandardCharsets.UTF_8));
    HttpRequest token = HttpRequest.newBuilder(fake.tokenUri()).header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofString("grant_type=client_credentials")).build();

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(Http.send(token).status());
    }

    assertThat(statuses).containsExactly(503, 503, 503, 200);
    assertThat(f.fired()).isEqualTo(3);
    assertThat(fake.tokenRequests()).isEqualTo(4);
  }

  @Test
  void randomMixWithTheSameSeedFiresTheSameFaultsForTheSameRequests() throws Exception {
    FaultMix mix = FaultMix.builder().rate429(0.15).rate500(0.1).rate503(0.15).resetRate(0.1)
        .dropAfterProcessingRate(0.1).retryAfter(Duration.ofSeconds(2)).build();

    List<String> first = randomRun(fake, 42L, mix);
    List<String> second;
    try (FakeCalm other = FakeCalm.start()) {
      second = randomRun(other, 42L, mix);
    }

    assertThat(first).isEqualTo(second);
    assertThat(first).contains("429", "500", "503", "io", "200");
  }

  private static List<String> randomRun(FakeCalm target, long seed, FaultMix mix) throws Exception {
    Http h = new Http(target);
    h.token();
    Fault chaos = target.faults().random(seed, mix);
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      try {
        outcomes.add(Integer.toString(h.get(h.tms("/v2/nodes")).status()));
      } catch (IOException e) {
        outcomes.add("io");
      }
    }
    assertThat(chaos.fired()).isEqualTo((int) outcomes.stream().filter(o -> !o.equals("200")).count());
    return outcomes;
  }

  @Test
  void randomMixLeavesTheTokenEndpointAloneUnlessIncluded() throws Exception {
    fake.faults().random(1L, FaultMix.builder().rate503(1.0).build());
    HttpRequest token = HttpRequest.newBuilder(fake.tokenUri())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofString("grant_type=client_credentials&client_id=x&client_secret=y")).build();

    assertThat(Http.send(token).status()).isEqualTo(401);
    assertThat(http.get(http.tms("/v2/nodes")).status()).isEqualTo(503);
  }

  @Test
  void clearAndCancelStopFaults() throws Exception {
    Fault cancelled = fake.faults().on("GET", ".+/v2/routes").status(500).always();
    cancelled.cancel();
    assertThat(http.get(http.tms("/v2/routes")).status()).isEqualTo(200);

    fake.faults().on("GET", ".*").status(500).always();
    fake.faults().random(3L, FaultMix.builder().rate503(1.0).build());
    fake.faults().clear();

    assertThat(http.get(http.tms("/v2/nodes")).status()).isEqualTo(200);
    assertThat(cancelled.fired()).isZero();
  }

  @Test
  void rulesAreMatchedAgainstTheWholeRawPathAndTheMethod() throws Exception {
    Fault partial = fake.faults().on("GET", "/v2/nodes").status(500).always();
    Fault otherMethod = fake.faults().on("POST", ".*").status(500).always();
    Fault full = fake.faults().on("get", "/api/imp-cdm-transport-management-api/v1/v2/nodes").status(502).once();

    assertThat(http.get(http.tms("/v2/nodes")).status()).isEqualTo(502);
    assertThat(partial.fired()).isZero();
    assertThat(otherMethod.fired()).isZero();
    assertThat(full.fired()).isEqualTo(1);
  }

  @Test
  void invalidFaultDefinitionsAreRejected() {
    assertThatThrownBy(() -> FaultMix.builder().rate429(0.6).rate503(0.6).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fake.faults().on("GET", ".*").status(99)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fake.faults().on("GET", ".*").once()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> fake.faults().on("GET", ".*").connectionReset().malformedBody())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closingTheFakeEndsAPendingDelayAndFreesThePort() throws Exception {
    FakeCalm doomed = FakeCalm.start();
    URI nodes = URI.create(doomed.transportManagementUri() + "/v2/nodes");
    doomed.faults().on("GET", ".*").delay(Duration.ofSeconds(30)).always();
    HttpRequest r = HttpRequest.newBuilder(nodes).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + doomed.accessToken()).GET().build();
    var pending = Http.CLIENT.sendAsync(r, java.net.http.HttpResponse.BodyHandlers.ofString());
    Thread.sleep(100);

    long start = System.nanoTime();
    doomed.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThatThrownBy(pending::join).hasCauseInstanceOf(IOException.class);
    assertThatThrownBy(() -> Http.send(r)).isInstanceOf(IOException.class);
  }
}
