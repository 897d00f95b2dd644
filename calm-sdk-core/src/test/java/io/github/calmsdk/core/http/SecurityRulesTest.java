package io.github.calmsdk.core.http;

import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.ClientContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.json.JacksonJsonCodec;
import io.github.calmsdk.core.retry.RetryPolicy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecurityRulesTest {
  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  @RegisterExtension
  static WireMockExtension other =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final HttpStage bearer =
      (request, context, next) -> next.proceed(request.toBuilder().setHeader("Authorization", "Bearer s3cr3t-token").build());
  private final HttpPipeline pipeline = ClientContext.builder().authorization(bearer).retryPolicy(RetryPolicy.none()).build().pipeline();

  @Test
  void refusesPlainHttpToAHostThatIsNotLoopbackBeforeSending() {
    assertThatThrownBy(() -> pipeline.send(CalmRequest.get(URI.create("http://example.org/api")).build()))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("use https")
        .satisfies(e -> assertThat(((CalmValidationException) e).field()).isEqualTo("url"));
  }

  @Test
  void followsARedirectOnTheSameHostWithTheToken() {
    api.stubFor(get(urlEqualTo("/a")).willReturn(aResponse().withStatus(302).withHeader("Location", "/b")));
    api.stubFor(get(urlEqualTo("/b")).willReturn(ok("here")));
    assertThat(pipeline.send(CalmRequest.get(URI.create(api.baseUrl() + "/a")).build()).bodyAsString()).isEqualTo("here");
    assertThat(api.findAll(getRequestedFor(urlEqualTo("/b"))).get(0).getHeader("Authorization")).isEqualTo("Bearer s3cr3t-token");
  }

  @Test
  void neverCarriesTheTokenToAnotherHostOnRedirect() {
    api.stubFor(get(urlEqualTo("/a")).willReturn(aResponse().withStatus(307).withHeader("Location", other.baseUrl() + "/steal")));
    other.stubFor(get(urlEqualTo("/steal")).willReturn(ok("elsewhere")));
    assertThat(pipeline.send(CalmRequest.get(URI.create(api.baseUrl() + "/a")).build()).bodyAsString()).isEqualTo("elsewhere");
    var seen = other.findAll(getRequestedFor(urlEqualTo("/steal")));
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).containsHeader("Authorization")).isFalse();
  }

  @Test
  void cutsOffABodyLargerThanTheLimitInsteadOfReadingItWhole() {
    api.stubFor(get(urlEqualTo("/big")).willReturn(ok("[" + "1,".repeat(2_000_000) + "1]")));
    HttpPipeline small = ClientContext.builder().maxResponseBytes(64 * 1024).build().pipeline();
    CalmResponse r = small.send(CalmRequest.get(URI.create(api.baseUrl() + "/big")).build());
    assertThat(r.truncated()).isTrue();
    assertThat(r.body()).hasSize(64 * 1024);
    assertThatThrownBy(() -> r.decode(JacksonJsonCodec.create(), Object.class))
        .isInstanceOf(CalmDecodingException.class)
        .hasMessageContaining("exceeds the client's limit");
  }

  @Test
  void reportsMalformedJsonAsADecodingError() {
    api.stubFor(get(urlEqualTo("/bad")).willReturn(ok("{\"value\":[{\"uuid\":")));
    CalmResponse r = pipeline.send(CalmRequest.get(URI.create(api.baseUrl() + "/bad")).build());
    assertThatThrownBy(() -> r.decode(JacksonJsonCodec.create(), Map.class))
        .isInstanceOf(CalmDecodingException.class)
        .hasMessageContaining("unreadable response")
        .satisfies(e -> assertThat(((CalmDecodingException) e).status()).isEqualTo(200));
  }

  @Test
  void requestToStringShowsNoHeaders() {
    CalmRequest r = CalmRequest.get(URI.create("https://h/p?token=abc")).header("Authorization", "Bearer xyz").build();
    assertThat(r.toString()).isEqualTo("GET https://h/p?token=***");
  }
}
