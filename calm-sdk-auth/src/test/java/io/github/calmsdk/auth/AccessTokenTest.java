package io.github.calmsdk.auth;

import io.github.calmsdk.auth.testing.Keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.auth.internal.Jwt;
import io.github.calmsdk.core.error.CalmValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTokenTest {
  private static final Instant EXP = Instant.parse("2026-11-21T22:00:00Z");

  private static AccessToken token(Set<String> scopes) {
    return new AccessToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "Bearer", EXP, scopes);
  }

  @Test
  void toStringNeverShowsTheValue() {
    assertThat(token(Set.of("a")).toString()).doesNotContain("eyJ").contains("value=***").contains(EXP.toString());
  }

  @Test
  void scopeMatchesWithOrWithoutTheApplicationPrefix() {
    AccessToken t = token(Set.of("sapcloudalm!b123.imp-cdm-feature-display-ui", "uaa.resource"));

    assertThat(t.hasScope("imp-cdm-feature-display-ui")).isTrue();
    assertThat(t.hasScope("sapcloudalm!b123.imp-cdm-feature-display-ui")).isTrue();
    assertThat(t.hasScope("feature-display-ui")).isFalse();
    assertThat(t.hasScope("imp-cdm-feature-manage-ui")).isFalse();
  }

  @Test
  void missingScopesListsWhatTheKeyLacksInTheOrderAsked() {
    AccessToken t = token(Set.of("sapcloudalm!b123.imp-cdm-feature-display-ui"));

    assertThat(
            t.missingScopes(
                List.of("imp-cdm-feature-manage-ui", "imp-cdm-feature-display-ui", "calm-api.features.write")))
        .containsExactly("imp-cdm-feature-manage-ui", "calm-api.features.write");
  }

  @Test
  void expiryIsExclusive() {
    AccessToken t = token(Set.of());

    assertThat(t.isExpiredAt(EXP.minusMillis(1))).isFalse();
    assertThat(t.isExpiredAt(EXP)).isTrue();
  }

  @Test
  void emptyValueIsRejected() {
    assertThatThrownBy(() -> new AccessToken(" ", "Bearer", EXP, Set.of()))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageStartingWith("value:");
  }

  @Test
  void jwtScopesAndExpiryAreReadWithoutVerifying() {
    Jwt jwt = Jwt.decode(Keys.jwt(List.of("x.read", "x.write"), 1_800_000_000L), Keys.JSON);

    assertThat(jwt.scopes()).containsExactlyInAnyOrder("x.read", "x.write");
    assertThat(jwt.expiresAtEpochSecond()).hasValue(1_800_000_000L);
  }

  @Test
  void opaqueOrBrokenTokensHaveNoClaimsAndNeverThrow() {
    assertThat(Jwt.decode("opaque-token", Keys.JSON)).isEqualTo(Jwt.NONE);
    assertThat(Jwt.decode("a.%%%.c", Keys.JSON)).isEqualTo(Jwt.NONE);
    assertThat(Jwt.decode("a.bm90LWpzb24.c", Keys.JSON)).isEqualTo(Jwt.NONE);
  }
}
