package io.github.calmsdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void masksTokenFieldsJwtsAuthSchemesFormSecretsAndExactValues() {
    String text =
        "{\"access_token\":\"opaque123\"} client_secret=abc%24def Bearer xyz.abc Basic Zm9vOmJhcg== "
            + "eyJhbGciOi.eyJzdWIiOi.c2ln the-exact-secret";

    String masked = Redaction.secrets(text, "the-exact-secret");

    assertThat(masked)
        .doesNotContain("opaque123")
        .doesNotContain("abc%24def")
        .doesNotContain("xyz.abc")
        .doesNotContain("Zm9vOmJhcg")
        .doesNotContain("eyJzdWIiOi")
        .doesNotContain("the-exact-secret");
  }

  @Test
  void excerptOfALongBodyDropsItsTailWhereASecretMayBeCutInHalf() {
    String body = "x".repeat(2040) + " secret-that-is-cut-in-the-middle-of-the-read";

    String excerpt = Redaction.excerpt(body.getBytes(StandardCharsets.UTF_8), 512, "secret-that-is-cut-in-the-middle-of-the-read");

    assertThat(excerpt).doesNotContain("secret").endsWith("(" + body.length() + " bytes)");
  }

  @Test
  void redactsQueryValuesAndUserInfoFromUrls() {
    assertThat(Redaction.url(java.net.URI.create("https://user:pw@h:8443/a/b?x=1&flag&token=abc")))
        .isEqualTo("https://h:8443/a/b?x=***&flag&token=***");
  }

  @Test
  void knowsLoopbackHostsWithoutAskingDns() {
    assertThat(Urls.isLoopback("localhost")).isTrue();
    assertThat(Urls.isLoopback("127.0.0.1")).isTrue();
    assertThat(Urls.isLoopback("127.255.1.9")).isTrue();
    assertThat(Urls.isLoopback("[::1]")).isTrue();
    assertThat(Urls.isLoopback("127.0.0.300")).isFalse();
    assertThat(Urls.isLoopback("127.0.0.1.evil.com")).isFalse();
    assertThat(Urls.isLoopback("localhost.evil.com")).isFalse();
    assertThat(Urls.isLoopback("10.0.0.1")).isFalse();
  }

  @Test
  void masksEveryOccurrenceOfAnExactSecretInBytes() {
    byte[] masked = Redaction.bytes("a opaque-tok b opaque-tok".getBytes(StandardCharsets.UTF_8), "opaque-tok");
    assertThat(new String(masked, StandardCharsets.UTF_8)).isEqualTo("a *** b ***");
    byte[] untouched = "nothing here".getBytes(StandardCharsets.UTF_8);
    assertThat(Redaction.bytes(untouched, "opaque-tok")).isSameAs(untouched);
    assertThat(Redaction.bytes(untouched, null)).isSameAs(untouched);
  }
}
