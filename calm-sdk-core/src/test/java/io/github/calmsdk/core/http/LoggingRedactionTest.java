package io.github.calmsdk.core.http;

import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.ClientContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.testing.CapturedLogs;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoggingRedactionTest {
  private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6WyJhIl19.QmVhcmVyU2VjcmV0";
  private static final String SECRET = "cl1ent$ecret=+/:";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();

  @BeforeEach
  void clear() {
    CapturedLogs.clear();
  }

  @Test
  void logsOneDebugLinePerAttemptWithMethodUrlStatusAndAttempt() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
    catchThrowable(() -> ClientContext.builder().clock(clock).sleeper(clock.sleeper()).build().pipeline()
        .send(CalmRequest.get(URI.create(wm.baseUrl() + "/x?owner=jane")).build()));
    var lines = CapturedLogs.lines().stream().filter(l -> l.startsWith("DEBUG io.github.calmsdk.http")).toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).contains("GET " + wm.baseUrl() + "/x?owner=*** -> 503 in").contains("(attempt 1, request-id ");
    assertThat(lines.get(3)).contains("(attempt 4,");
    assertThat(CapturedLogs.text()).doesNotContain("jane");
  }

  @Test
  void neverLogsAuthorizationCookiesTokensOrSecretsAtAnyLevel() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)
        .withHeader("Set-Cookie", "JSESSIONID=" + SECRET)
        .withHeader("X-Auth-Token", TOKEN)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"" + TOKEN + "\",\"client_secret\":\"" + SECRET + "\"}")));
    HttpStage auth = (r, c, n) -> n.proceed(r.toBuilder().setHeader("Authorization", "Bearer " + TOKEN).setHeader("Cookie", "s=" + SECRET).build());
    HttpPipeline p = ClientContext.builder().clock(clock).sleeper(clock.sleeper()).authorization(auth)
        .loggedHeaders(Set.of("authorization", "cookie", "set-cookie", "x-auth-token", "content-type")).build().pipeline();
    Throwable e = catchThrowable(() -> p.send(CalmRequest.post(URI.create(wm.baseUrl() + "/token?client_secret=" + SECRET))
        .formBody("grant_type=client_credentials&client_secret=" + SECRET).build()));
    String everything = CapturedLogs.text() + "\n" + e + "\n" + e.getMessage() + "\n" + ((io.github.calmsdk.core.error.CalmException) e).details();
    for (Throwable s : e.getSuppressed()) {
      everything += "\n" + s;
    }
    assertThat(CapturedLogs.lines()).anyMatch(l -> l.startsWith("TRACE"));
    assertThat(everything).contains("content-type").doesNotContain(TOKEN).doesNotContain(SECRET)
        .doesNotContain(new String(SECRET.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .doesNotContainIgnoringCase("authorization:").doesNotContainIgnoringCase("cookie:");
  }
}
