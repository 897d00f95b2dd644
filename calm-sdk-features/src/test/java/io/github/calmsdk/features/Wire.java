package io.github.calmsdk.features;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.testing.FakeClock;
import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Builds clients against a WireMock server and the JSON the fake answers with. */
final class Wire {
  /** The service root path below the WireMock base URL. */
  static final String ROOT = "/api/calm-features/v1";

  private Wire() {}

  static ClientContext pipeline(FakeClock clock) {
    return ClientContext.builder().sleeper(clock.sleeper()).clock(clock).build();
  }

  static FeaturesClient client(WireMockExtension wm, FakeClock clock) {
    return client(wm, clock, FeaturesOptions.defaults());
  }

  static FeaturesClient client(WireMockExtension wm, FakeClock clock, FeaturesOptions options) {
    return FeaturesClient.create(pipeline(clock), URI.create(wm.baseUrl() + "/api"), options);
  }

  static String feature(String uuid, String title) {
    return "{\"uuid\":\"" + uuid + "\",\"displayId\":\"6-" + uuid.hashCode() % 1000 + "\",\"title\":\"" + title
        + "\",\"projectId\":\"p-1\",\"statusCode\":\"IN_SPEC\",\"priorityCode\":30}";
  }

  static String collection(String... entities) {
    return "{\"@odata.context\":\"$metadata#Features\",\"value\":[" + String.join(",", entities) + "]}";
  }

  static String collectionWithNextLink(String nextLink, String... entities) {
    return "{\"@odata.context\":\"$metadata#Features\",\"value\":[" + String.join(",", entities)
        + "],\"@odata.nextLink\":\"" + nextLink + "\"}";
  }

  /** A page of features numbered from {@code first}, {@code count} of them. */
  static String page(int first, int count) {
    return collection(
        IntStream.range(first, first + count).mapToObj(i -> feature("f-" + i, "Feature " + i)).toArray(String[]::new));
  }

  static String statuses(String... codes) {
    return "{\"value\":["
        + Arrays.stream(codes)
            .map(c -> "{\"code\":\"" + c + "\",\"name\":\"Name of " + c + "\"}")
            .collect(Collectors.joining(","))
        + "]}";
  }

  static String odataError(String code, String message) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"details\":[]}}";
  }
}
