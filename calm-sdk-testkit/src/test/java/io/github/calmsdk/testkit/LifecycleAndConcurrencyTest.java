package io.github.calmsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LifecycleAndConcurrencyTest {

  @Test
  void eightThreadsExportingAtOnceGetUniqueIdsAndEveryTransportRequestIsQueued() throws Exception {
    int threads = 8;
    int perThread = 6;
    try (FakeCalm fake = FakeCalm.start()) {
      Http http = new Http(fake);
      http.token();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Callable<List<Long>>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          tasks.add(() -> {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
              ids.add(http.export("DEV", "t" + thread + "-" + i));
            }
            return ids;
          });
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : pool.invokeAll(tasks)) {
          all.addAll(f.get());
        }

        assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(fake.transportRequests()).hasSize(threads * perThread);
        assertThat(fake.uploadedFiles()).extracting(UploadedFile::fileId).doesNotHaveDuplicates();
        Http.Res queue = http.get(http.tms("/v2/nodes/" + fake.nodeId("QAS") + "/transportRequests?status=in"));
        assertThat(queue.json().get("transportRequests")).hasSize(threads * perThread);
        Set<Integer> positions = new HashSet<>();
        queue.json().get("transportRequests").forEach(t -> positions.add(t.get("position").asInt()));
        assertThat(positions).hasSize(threads * perThread);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void concurrentImportsAndPollsAllFinishWithTheirOwnOutcome() throws Exception {
    try (FakeCalm fake = FakeCalm.builder().importPollsUntilDone(3).start()) {
      Http http = new Http(fake);
      List<Long> trs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        long id = http.export("DEV", "c" + i);
        fake.importOutcome(id, i % 2 == 0 ? "succeeded" : "warning");
        trs.add(id);
      }
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<String>> results = new ArrayList<>();
        for (long id : trs) {
          results.add(pool.submit(() -> {
            long actionId = http.post(http.tms("/v2/nodes/2/transportRequests/import"),
                "{\"transportRequests\":[" + id + "]}").json().get("actionId").asLong();
            String status = "running";
            for (int i = 0; i < 10 && status.equals("running"); i++) {
              status = http.get(http.tms("/v2/actions/" + actionId)).json().get("status").asText();
            }
            return status;
          }));
        }
        List<String> statuses = new ArrayList<>();
        for (Future<String> f : results) {
          statuses.add(f.get());
        }

        assertThat(statuses).containsExactly("succeeded", "warning", "succeeded", "warning", "succeeded",
            "warning", "succeeded", "warning");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void startsInWellUnderOneHundredMillisecondsOnceTheJvmIsWarm() {
    FakeCalm.start().close();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      FakeCalm fake = FakeCalm.start();
      best = Math.min(best, System.nanoTime() - start);
      fake.close();
    }

    assertThat(Duration.ofNanos(best)).isLessThan(Duration.ofMillis(100));
  }

  @Test
  void closeFreesThePortAndCanBeRepeated() throws Exception {
    FakeCalm fake = FakeCalm.start();
    URI nodes = URI.create(fake.transportManagementUri() + "/v2/nodes");
    HttpRequest r = HttpRequest.newBuilder(nodes).header("Authorization", "Bearer " + fake.accessToken()).build();
    assertThat(Http.send(r).status()).isEqualTo(200);

    fake.close();
    fake.close();

    assertThatThrownBy(() -> Http.send(r)).isInstanceOf(IOException.class);
  }

  @Test
  void requestLogRecordsWhatArrivedButItsToStringHidesHeadersQueryAndBody() throws Exception {
    try (FakeCalm fake = FakeCalm.start()) {
      Http http = new Http(fake);
      http.post(http.features("/Features?x=1"), "{\"title\":\"t\",\"projectId\":\"p\"}");

      RecordedRequest r = fake.requests().get(0);

      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.path()).isEqualTo("/api/calm-features/v1/Features");
      assertThat(r.query()).isEqualTo("x=1");
      assertThat(r.body()).contains("\"title\"");
      assertThat(r.header("AUTHORIZATION")).startsWith("Bearer ");
      assertThat(r.toString()).isEqualTo("POST /api/calm-features/v1/Features").doesNotContain("Bearer");
      assertThat(fake.requestCount("*", ".*/Features")).isEqualTo(1);
      assertThat(fake.toString()).doesNotContain(fake.clientSecret());
    }
  }

  @Test
  void unknownPathsAnswer404AndWrongMethodsAnswer405() throws Exception {
    try (FakeCalm fake = FakeCalm.start()) {
      Http http = new Http(fake);

      assertThat(http.get(URI.create(fake.apiUri() + "/nothing/here")).status()).isEqualTo(404);
      assertThat(http.get(http.tms("/v2/unknown")).status()).isEqualTo(404);
      assertThat(http.delete(http.tms("/v2/nodes")).status()).isEqualTo(405);
      assertThat(Http.send(HttpRequest.newBuilder(URI.create(fake.baseUri() + "/"))
          .build()).body().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    }
  }
}
