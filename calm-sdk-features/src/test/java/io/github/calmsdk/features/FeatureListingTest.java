package io.github.calmsdk.features;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.calmsdk.features.Wire.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmInvalidRequestException;
import io.github.calmsdk.core.testing.FakeClock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FeatureListingTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();

  private FeaturesClient client() {
    return Wire.client(wm, clock);
  }

  private FeaturesClient client(FeaturesOptions options) {
    return Wire.client(wm, clock, options);
  }

  private int requestsTo(String path) {
    return wm.findAll(getRequestedFor(urlPathEqualTo(ROOT + path))).size();
  }

  @Test
  void sendsProjectIdAsPlainQueryParameterByDefault() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Features?projectId=p-1&$top=100")).willReturn(okJson(Wire.page(0, 2))));

    List<Feature> all = client().list(FeatureQuery.forProject("p-1")).stream().toList();

    assertThat(all).extracting(Feature::uuid).containsExactly("f-0", "f-1");
    wm.verify(
        getRequestedFor(urlEqualTo(ROOT + "/Features?projectId=p-1&$top=100"))
            .withHeader("Accept", equalTo("application/json")));
  }

  @Test
  void sendsProjectIdInsideFilterInFilterMode() {
    String url = ROOT + "/Features?$filter=projectId%20eq%20%27p-1%27&$top=100";
    wm.stubFor(get(urlEqualTo(url)).willReturn(okJson(Wire.page(0, 1))));

    List<Feature> all =
        client(FeaturesOptions.builder().projectIdMode(ProjectIdMode.FILTER).build())
            .list(FeatureQuery.forProject("p-1"))
            .stream()
            .toList();

    assertThat(all).hasSize(1);
    wm.verify(1, getRequestedFor(urlEqualTo(url)));
  }

  @Test
  void combinesFiltersWithAndStatusesWithOrAndSendsSelectAndOrderBy() {
    String url =
        ROOT
            + "/Features?projectId=p-1"
            + "&$filter=%28statusCode%20eq%20%27A%27%20or%20statusCode%20eq%20%27B%27%29"
            + "%20and%20releaseId%20eq%20%27r-1%27%20and%20priorityCode%20eq%2030"
            + "%20and%20responsibleId%20eq%20%27u-1%27"
            + "&$select=uuid%2Ctitle&$orderby=title%20asc%2CmodifiedAt%20desc&$top=100";
    wm.stubFor(get(urlEqualTo(url)).willReturn(okJson(Wire.page(0, 1))));

    FeatureQuery q =
        FeatureQuery.builder()
            .projectId("p-1")
            .statusCodes("A", "B")
            .releaseId("r-1")
            .priorityCode("30")
            .responsibleId("u-1")
            .select("uuid", "title")
            .orderBy("title")
            .orderByDescending("modifiedAt")
            .build();

    assertThat(client().list(q).stream().toList()).hasSize(1);
    wm.verify(1, getRequestedFor(urlEqualTo(url)));
  }

  @Test
  void comparesANonNumericPriorityCodeAsString() {
    String url = ROOT + "/Features?$filter=priorityCode%20eq%20%27HIGH%27&$top=100";
    wm.stubFor(get(urlEqualTo(url)).willReturn(okJson(Wire.collection())));

    client().list(FeatureQuery.builder().priorityCode("HIGH").build()).stream().toList();

    wm.verify(1, getRequestedFor(urlEqualTo(url)));
  }

  @Test
  void hostileTitleStaysOneLiteral() {
    String hostile = "O'Brien' or 1 eq 1 and title eq '";
    String url =
        ROOT
            + "/Features?$filter=title%20eq%20%27O%27%27Brien%27%27%20or%201%20eq%201%20and%20title%20eq%20%27%27%27"
            + "&$top=100";
    wm.stubFor(get(urlEqualTo(url)).willReturn(okJson(Wire.collection())));

    client().list(FeatureQuery.builder().title(hostile).build()).stream().toList();

    wm.verify(
        1,
        getRequestedFor(urlEqualTo(url))
            .withQueryParam("$filter", equalTo("title eq 'O''Brien'' or 1 eq 1 and title eq '''")));
  }

  @Test
  void percentEncodesReservedCharactersInFilterValuesAndNeverUsesPlusForSpace() {
    String url =
        ROOT + "/Features?$filter=title%20eq%20%27a%2Bb%20%26%20c%23d%3De%2Ff%3Fg%27&$top=100";
    wm.stubFor(get(urlEqualTo(url)).willReturn(okJson(Wire.collection())));

    client().list(FeatureQuery.builder().title("a+b & c#d=e/f?g").build()).stream().toList();

    wm.verify(1, getRequestedFor(urlEqualTo(url)).withQueryParam("$filter", equalTo("title eq 'a+b & c#d=e/f?g'")));
  }

  @Test
  void filtersByTitleTextAndModificationTime() {
    String url =
        ROOT
            + "/Features?$filter=contains%28title%2C%27pay%27%27s%27%29%20and%20modifiedAt%20gt%202026-01-01T00%3A00%3A00Z"
            + "%20and%20%28type%20eq%20%27X%27%29&$top=100";
    wm.stubFor(get(urlEqualTo(url)).willReturn(okJson(Wire.collection())));

    client()
        .list(
            FeatureQuery.builder()
                .titleContains("pay's")
                .modifiedAfter(Instant.parse("2026-01-01T00:00:00Z"))
                .filter("type eq 'X'")
                .build())
        .stream()
        .toList();

    wm.verify(1, getRequestedFor(urlEqualTo(url)));
  }

  @Test
  void sendsNothingUntilTheListingIsConsumed() {
    wm.stubFor(get(urlPathEqualTo(ROOT + "/Features")).willReturn(okJson(Wire.page(0, 1))));

    PagedIterable<Feature> listing = client().list(FeatureQuery.all());
    Stream<Feature> stream = listing.stream();
    Iterator<Feature> iterator = listing.iterator();

    assertThat(stream).isNotNull();
    assertThat(iterator).isNotNull();
    assertThat(requestsTo("/Features")).isZero();
  }

  private void stubTenPages() {
    for (int p = 0; p < 10; p++) {
      String query = p == 0 ? "?$top=10" : "?$top=10&$skip=" + (p * 10);
      int size = p == 9 ? 5 : 10;
      wm.stubFor(get(urlEqualTo(ROOT + "/Features" + query)).willReturn(okJson(Wire.page(p * 10, size))));
    }
  }

  @Test
  void readingTheFirstThreeOfTenPagesMakesExactlyOneRequest() {
    stubTenPages();

    List<Feature> firstThree =
        client().list(FeatureQuery.builder().pageSize(10).build()).stream().limit(3).toList();

    assertThat(firstThree).extracting(Feature::uuid).containsExactly("f-0", "f-1", "f-2");
    assertThat(requestsTo("/Features")).isEqualTo(1);
  }

  @Test
  void iteratingTheFirstThreeWithAnIteratorMakesExactlyOneRequest() {
    stubTenPages();

    Iterator<Feature> it = client().list(FeatureQuery.builder().pageSize(10).build()).iterator();
    for (int i = 0; i < 3; i++) {
      assertThat(it.hasNext()).isTrue();
      it.next();
    }

    assertThat(requestsTo("/Features")).isEqualTo(1);
  }

  @Test
  void readsEveryPageAndStopsAtTheShortOne() {
    stubTenPages();

    List<Feature> all = client().list(FeatureQuery.builder().pageSize(10).build()).stream().toList();

    assertThat(all).hasSize(95);
    assertThat(all.get(94).uuid()).isEqualTo("f-94");
    assertThat(requestsTo("/Features")).isEqualTo(10);
  }

  @Test
  void topLimitsTheTotalAndShrinksTheLastPage() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Features?$top=10")).willReturn(okJson(Wire.page(0, 10))));
    wm.stubFor(get(urlEqualTo(ROOT + "/Features?$top=10&$skip=10")).willReturn(okJson(Wire.page(10, 10))));
    wm.stubFor(get(urlEqualTo(ROOT + "/Features?$top=5&$skip=20")).willReturn(okJson(Wire.page(20, 5))));

    List<Feature> some = client().list(FeatureQuery.builder().pageSize(10).top(25).build()).stream().toList();

    assertThat(some).hasSize(25);
    assertThat(requestsTo("/Features")).isEqualTo(3);
  }

  @Test
  void topZeroSendsNothing() {
    assertThat(client().list(FeatureQuery.builder().top(0).build()).stream().toList()).isEmpty();
    assertThat(requestsTo("/Features")).isZero();
  }

  @Test
  void skipStartsTheFirstPageThere() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Features?$top=100&$skip=40")).willReturn(okJson(Wire.page(40, 3))));

    List<Feature> rest = client().list(FeatureQuery.builder().skip(40).build()).stream().toList();

    assertThat(rest).extracting(Feature::uuid).containsExactly("f-40", "f-41", "f-42");
  }

  @Test
  void stopsAfterOnePageWhenTheServerIgnoresTop() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Features?$top=10")).willReturn(okJson(Wire.page(0, 15))));

    List<Feature> all = client().list(FeatureQuery.builder().pageSize(10).build()).stream().toList();

    assertThat(all).hasSize(15);
    assertThat(requestsTo("/Features")).isEqualTo(1);
  }

  @Test
  void followsTheServersNextLinkUntilAPageHasNone() {
    String next = wm.baseUrl() + ROOT + "/Features?$skiptoken=abc";
    wm.stubFor(
        get(urlEqualTo(ROOT + "/Features?$top=2"))
            .willReturn(okJson(Wire.collectionWithNextLink(next, Wire.feature("a", "A")))));
    wm.stubFor(
        get(urlEqualTo(ROOT + "/Features?$skiptoken=abc"))
            .willReturn(okJson(Wire.collection(Wire.feature("b", "B"), Wire.feature("c", "C")))));

    List<Feature> all = client().list(FeatureQuery.builder().pageSize(2).build()).stream().toList();

    assertThat(all).extracting(Feature::uuid).containsExactly("a", "b", "c");
    assertThat(requestsTo("/Features")).isEqualTo(2);
  }

  @Test
  void resolvesARelativeNextLinkAgainstThePageItCameWith() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/Features?$top=100"))
            .willReturn(okJson(Wire.collectionWithNextLink("Features?$skiptoken=p2", Wire.feature("a", "A")))));
    wm.stubFor(
        get(urlEqualTo(ROOT + "/Features?$skiptoken=p2")).willReturn(okJson(Wire.collection(Wire.feature("b", "B")))));

    assertThat(client().list(FeatureQuery.all()).stream().map(Feature::uuid).toList()).containsExactly("a", "b");
  }

  @Test
  void refusesANextLinkToAnotherHost() {
    wm.stubFor(
        get(urlEqualTo(ROOT + "/Features?$top=100"))
            .willReturn(
                okJson(
                    Wire.collectionWithNextLink(
                        "https://attacker.example.com/steal?$skiptoken=1", Wire.feature("a", "A")))));

    Iterator<Feature> it = client().list(FeatureQuery.all()).iterator();

    assertThatThrownBy(it::hasNext)
        .isInstanceOf(CalmDecodingException.class)
        .hasMessageContaining("attacker.example.com");
    assertThat(requestsTo("/Features")).isEqualTo(1);
  }

  @Test
  void aFailingLaterPageIsThrownFromTheIteration() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Features?$top=2")).willReturn(okJson(Wire.page(0, 2))));
    wm.stubFor(
        get(urlEqualTo(ROOT + "/Features?$top=2&$skip=2"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(Wire.odataError("BAD_SKIP", "skip too large"))));

    Iterator<Feature> it = client().list(FeatureQuery.builder().pageSize(2).build()).iterator();
    it.next();
    it.next();

    assertThatThrownBy(it::hasNext)
        .isInstanceOf(CalmInvalidRequestException.class)
        .satisfies(e -> assertThat(((CalmInvalidRequestException) e).errorCode()).isEqualTo("BAD_SKIP"));
  }

  @Test
  void anAnswerWithoutValueArrayIsADecodingError() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Features?$top=100")).willReturn(okJson(Wire.feature("a", "A"))));

    assertThatThrownBy(() -> client().list(FeatureQuery.all()).stream().toList())
        .isInstanceOf(CalmDecodingException.class)
        .hasMessageContaining("\"value\"");
  }

  @Test
  void countAsksForCountWithTopZeroAndTheFiltersOnly() {
    String url = ROOT + "/Features?projectId=p-1&$filter=statusCode%20eq%20%27A%27&$count=true&$top=0";
    wm.stubFor(get(urlEqualTo(url)).willReturn(okJson("{\"@odata.count\":42,\"value\":[]}")));

    long n =
        client()
            .count(
                FeatureQuery.builder()
                    .projectId("p-1")
                    .statusCodes("A")
                    .select("uuid")
                    .orderBy("title")
                    .top(5)
                    .skip(3)
                    .build());

    assertThat(n).isEqualTo(42);
    wm.verify(1, getRequestedFor(urlEqualTo(url)).withHeader("Accept", equalTo("application/json")));
  }

  @Test
  void countWithoutODataCountInTheAnswerFails() {
    wm.stubFor(get(urlEqualTo(ROOT + "/Features?$count=true&$top=0")).willReturn(okJson("{\"value\":[]}")));

    assertThatThrownBy(() -> client().count(FeatureQuery.all()))
        .isInstanceOf(CalmDecodingException.class)
        .hasMessageContaining("@odata.count");
  }
}
