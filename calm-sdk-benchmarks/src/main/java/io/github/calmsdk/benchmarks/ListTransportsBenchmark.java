package io.github.calmsdk.benchmarks;

import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.ClientContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.calmsdk.auth.CalmCredentials;
import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.StorageType;
import io.github.calmsdk.deployment.TransportEntry;
import io.github.calmsdk.deployment.TransportQuery;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Figure 1: listing the 100 transport requests of a node ({@code GET /v2/nodes/{id}/transportRequests}) into typed
 * {@link TransportRequest} records, calls per second on one thread, against one loopback JDK HttpServer that
 * answers a canned 100-item body.
 *
 * <ul>
 *   <li>{@code sdk}: {@link DeploymentClient#transportRequests(TransportQuery)} on a default {@link HttpPipeline}
 *       (request id, user agent, retry, redirect and logging stages) with a trivial static-token stage, and a
 *       do-nothing user listener ({@code new CalmListener() {}}) installed: the context wraps it in its guarded
 *       listener, so the pipeline builds and delivers every call and attempt event.
 *   <li>{@code sdkNoListener}: as {@code sdk} with no listener added; the context then holds {@link
 *       CalmListener#noop()}, which the pipeline recognises and skips. {@code sdk} against this is the listener's
 *       cost.
 *   <li>{@code baseline}: one shared java.net.http HttpClient (configured as the pipeline's own: connect timeout 10
 *       s, no redirects) and one ObjectMapper, the same URL, the same Authorization and Accept headers and a 60 s
 *       request timeout; the JSON is read into private wire records and mapped into the same public records.
 *   <li>{@code sdkWithCredentials}: as {@code sdk}, but signed by the real {@link CalmCredentials#bearerStage()}
 *       with a warm token cache (for information; not part of the ratio).
 *   <li>{@code baselineAsync}: the baseline sending with {@code sendAsync(...).get(timeout)}, as the SDK's
 *       transport does, instead of {@code send(...)} (for information: the JDK completes a {@code sendAsync}
 *       future on the common ForkJoinPool, a thread hop that {@code send} does not make).
 * </ul>
 *
 * The set-up checks that both sides return equal lists of 100 records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ListTransportsBenchmark {
  static final int ITEMS = 100;

  private Loopback server;
  private DeploymentClient sdk;
  private DeploymentClient sdkNoListener;
  private DeploymentClient sdkWithCredentials;
  private TransportQuery query;
  private HandWritten handWritten;
  private HandWritten handWrittenAsync;

  @Setup(Level.Trial)
  public void setUp() {
    server =
        Loopback.start(
            Map.of(
                TransportApiEndpoint.ROOT, new TransportApiEndpoint(ITEMS),
                TokenEndpoint.PATH, new TokenEndpoint()));
    query = TransportQuery.allStatuses(NodeId.of(TransportApiEndpoint.NODE_ID));

    // a do-nothing listener is installed, so the pipeline builds every event as a real listener would make it
    ClientContext context =
        ClientContext.builder().authorization(new StaticToken()).addListener(new CalmListener() {}).build();
    sdk = DeploymentClient.create(context, server.base(), DeploymentOptions.defaults());
    // no listener at all: the context holds CalmListener.noop(), and the pipeline builds no events
    sdkNoListener =
        DeploymentClient.create(
            ClientContext.builder().authorization(new StaticToken()).build(), server.base(), DeploymentOptions.defaults());

    HttpClient shared = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    ServiceKey key =
        ServiceKey.ofClientCredentials(
            server.base(), server.base(), TokenEndpoint.CLIENT_ID, TokenEndpoint.CLIENT_SECRET);
    ClientContext.Builder settings = ClientContext.builder().httpClient(shared).addListener(new CalmListener() {});
    CalmCredentials credentials = CalmCredentials.builder(key).context(settings.build()).build();
    sdkWithCredentials =
        DeploymentClient.create(
            settings.authorization(credentials.bearerStage()).build(),
            server.base(),
            DeploymentOptions.defaults());

    URI listing =
        URI.create(
            server.base() + TransportApiEndpoint.ROOT + "/nodes/" + TransportApiEndpoint.NODE_ID
                + "/transportRequests?status=" + query.statusCodes());
    handWritten = new HandWritten(listing, false);
    handWrittenAsync = new HandWritten(listing, true);

    List<TransportRequest> a = sdk();
    List<TransportRequest> b = baseline();
    List<TransportRequest> c = sdkWithCredentials();
    List<TransportRequest> d = baselineAsync();
    List<TransportRequest> e = sdkNoListener();
    if (a.size() != ITEMS || !a.equals(b) || !a.equals(c) || !a.equals(d) || !a.equals(e)) {
      throw new IllegalStateException("the SDK and the baseline disagree: " + a.size() + " vs " + b.size());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.close();
  }

  @Benchmark
  public List<TransportRequest> sdk() {
    return sdk.transportRequests(query);
  }

  @Benchmark
  public List<TransportRequest> sdkNoListener() {
    return sdkNoListener.transportRequests(query);
  }

  @Benchmark
  public List<TransportRequest> baseline() {
    return handWritten.list();
  }

  @Benchmark
  public List<TransportRequest> sdkWithCredentials() {
    return sdkWithCredentials.transportRequests(query);
  }

  @Benchmark
  public List<TransportRequest> baselineAsync() {
    return handWrittenAsync.list();
  }

  /** The hand-written client: java.net.http + Jackson into the SDK's public records. */
  static final class HandWritten {
    record WireList(List<WireTr> transportRequests) {}

    record WireTr(
        long id,
        String status,
        boolean archived,
        long position,
        String createdBy,
        String createdByNamedUser,
        String createdAt,
        String queuedAt,
        String description,
        String origin,
        List<WireEntry> entries) {}

    record WireEntry(long id, String storageType, String contentType, String uri) {}

    private final HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final ObjectMapper mapper =
        new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final URI uri;
    private final boolean async;

    HandWritten(URI uri, boolean async) {
      this.uri = uri;
      this.async = async;
    }

    List<TransportRequest> list() {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", StaticToken.HEADER)
              .header("Accept", "application/json")
              .GET()
              .build();
      try {
        HttpResponse<byte[]> response =
            async
                ? http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).get(61, TimeUnit.SECONDS)
                : http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("HTTP " + response.statusCode());
        }
        WireList wire = mapper.readValue(response.body(), WireList.class);
        List<TransportRequest> out = new ArrayList<>(wire.transportRequests().size());
        for (WireTr t : wire.transportRequests()) {
          List<TransportEntry> entries = new ArrayList<>(t.entries().size());
          for (WireEntry e : t.entries()) {
            entries.add(
                new TransportEntry(e.id(), StorageType.of(e.storageType()), ContentType.of(e.contentType()), e.uri()));
          }
          out.add(
              new TransportRequest(
                  TransportRequestId.of(t.id()),
                  TransportStatus.of(t.status()),
                  t.archived(),
                  t.position(),
                  t.createdBy(),
                  t.createdByNamedUser(),
                  Instant.parse(t.createdAt()),
                  Instant.parse(t.queuedAt()),
                  t.description(),
                  t.origin(),
                  entries));
        }
        return out;
      } catch (IOException | ExecutionException | TimeoutException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
