package io.github.calmsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeaturesApiTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final FakeCalm fake = FakeCalm.builder().clock(clock).start();
  private final Http http = new Http(fake);

  @AfterEach
  void close() {
    fake.close();
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Http.Res list(String query) throws Exception {
    return http.get(http.features("/Features?" + query));
  }

  private static List<String> titles(JsonNode collection) {
    List<String> out = new ArrayList<>();
    collection.get("value").forEach(f -> out.add(f.get("title").asText()));
    return out;
  }

  @Test
  void topSkipAndCountPageThroughTheCollection() throws Exception {
    fake.addFeatures("p1", 5);

    JsonNode page = list("$top=2&$skip=2&$count=true").json();
    JsonNode countOnly = list("$top=0&$count=true").json();

    assertThat(titles(page)).containsExactly("Feature 3", "Feature 4");
    assertThat(page.get("@odata.count").asInt()).isEqualTo(5);
    assertThat(page.get("@odata.context").asText()).endsWith("/api/calm-features/v1/$metadata#Features");
    assertThat(countOnly.get("value")).isEmpty();
    assertThat(countOnly.get("@odata.count").asInt()).isEqualTo(5);
    assertThat(list("$top=-1").status()).isEqualTo(400);
  }

  @Test
  void filterMatchesALiteralWithAnEscapedQuote() throws Exception {
    fake.addFeature("p1", "O'Brien's checkout", "IN_TESTING");
    fake.addFeature("p1", "Other", "IN_TESTING");

    JsonNode r = list("$filter=" + q("title eq 'O''Brien''s checkout' and statusCode eq 'IN_TESTING'")).json();

    assertThat(titles(r)).containsExactly("O'Brien's checkout");
  }

  @Test
  void projectIdWorksAsPlainParameterAndInsideFilter() throws Exception {
    fake.addFeature("p1", "one", null);
    fake.addFeature("p2", "two", null);

    assertThat(titles(list("projectId=p2").json())).containsExactly("two");
    assertThat(titles(list("$filter=" + q("projectId eq 'p1'")).json())).containsExactly("one");
  }

  @Test
  void unquotedGuidLiteralMatchesLikeAString() throws Exception {
    String project = "8f2c3d4e-0000-4000-8000-00000000abcd";
    fake.addFeature(project, "guid project", null);
    fake.addFeature("p2", "other", null);

    assertThat(titles(list("$filter=" + q("projectId eq " + project)).json())).containsExactly("guid project");
  }

  @Test
  void unparseableOrUnknownFilterIsAnODataError400() throws Exception {
    Http.Res broken = list("$filter=" + q("title eq 'unterminated"));
    Http.Res unknown = list("$filter=" + q("colour eq 'red'"));
    Http.Res function = list("$filter=" + q("contains(title,'x')"));

    for (Http.Res r : List.of(broken, unknown, function)) {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().at("/error/code").asText()).isEqualTo("400");
      assertThat(r.json().at("/error/message").asText()).isNotBlank();
      assertThat(r.json().at("/error/details").isArray()).isTrue();
    }
  }

  @Test
  void selectAndOrderByShapeTheResult() throws Exception {
    fake.addFeature("p1", "b", null);
    fake.addFeature("p1", "a", null);
    fake.addFeature("p1", "c", null);

    JsonNode r = list("$select=title,displayId&$orderby=" + q("title desc")).json();

    assertThat(titles(r)).containsExactly("c", "b", "a");
    assertThat(r.get("value").get(0).size()).isEqualTo(2);
    assertThat(r.get("value").get(0).has("uuid")).isFalse();
    assertThat(list("$orderby=nope").status()).isEqualTo(400);
  }

  @Test
  void singleFeatureIsReadByKeyAndUnknownKeyIs404() throws Exception {
    String uuid = fake.addFeature("p1", "one", "IN_IMPLEMENTATION");

    Http.Res r = http.get(http.features("/Features/" + uuid));
    Http.Res parens = http.get(http.features("/Features(" + uuid + ")"));
    Http.Res missing = http.get(http.features("/Features/00000000-0000-0000-0000-000000000000"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("statusCode").asText()).isEqualTo("IN_IMPLEMENTATION");
    assertThat(r.json().get("displayId").asText()).isEqualTo("1-1");
    assertThat(parens.json().get("uuid").asText()).isEqualTo(uuid);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().at("/error/code").asText()).isEqualTo("404");
  }

  @Test
  void createNeedsTitleAndProjectAndReturnsTheEntityWithNumericPriority() throws Exception {
    Http.Res created = http.post(http.features("/Features"),
        "{\"title\":\"New\",\"projectId\":\"p9\",\"priorityCode\":\"20\",\"tags\":[\"x\"],\"description\":\"<p>d</p>\"}");
    Http.Res noTitle = http.post(http.features("/Features"), "{\"projectId\":\"p9\"}");
    Http.Res noProject = http.post(http.features("/Features"), "{\"title\":\"t\"}");
    Http.Res numericPriority = http.post(http.features("/Features"),
        "{\"title\":\"t\",\"projectId\":\"p9\",\"priorityCode\":20}");
    Http.Res unknownProperty = http.post(http.features("/Features"),
        "{\"title\":\"t\",\"projectId\":\"p9\",\"colour\":\"red\"}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode f = created.json();
    assertThat(f.get("uuid").asText()).hasSize(36);
    assertThat(f.get("displayId").asText()).matches("\\d+-1");
    assertThat(f.get("priorityCode").isNumber()).isTrue();
    assertThat(f.get("priorityCode").asInt()).isEqualTo(20);
    assertThat(f.get("statusCode").asText()).isEqualTo("NOT_PLANNED");
    assertThat(f.get("createdAt").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
    for (String field : List.of("releaseId", "scopeId", "responsibleId", "workstreamId", "type", "modifiedAt")) {
      assertThat(f.has(field)).as(field).isTrue();
    }
    assertThat(fake.feature(f.get("uuid").asText()).tags()).containsExactly("x");
    assertThat(noTitle.status()).isEqualTo(400);
    assertThat(noProject.status()).isEqualTo(400);
    assertThat(numericPriority.status()).isEqualTo(400);
    assertThat(unknownProperty.status()).isEqualTo(400);
    assertThat(fake.features()).hasSize(1);
  }

  @Test
  void patchChangesOnlyGivenFieldsAndValidatesTheStatusCode() throws Exception {
    String uuid = fake.addFeature("p1", "one", "IN_IMPLEMENTATION");
    assertThat(http.patch(http.features("/Features/" + uuid), "{\"responsibleId\":\"u1\"}").status()).isEqualTo(204);
    clock.advance(Duration.ofMinutes(1));

    Http.Res bad = http.patch(http.features("/Features/" + uuid), "{\"statusCode\":\"DONE\"}");
    Http.Res ok = http.patch(http.features("/Features/" + uuid), "{\"statusCode\":\"IN_TESTING\"}");
    Http.Res clear = http.patch(http.features("/Features/" + uuid), "{\"responsibleId\":null}");
    Http.Res missing = http.patch(http.features("/Features/nope"), "{\"statusCode\":\"IN_TESTING\"}");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/error/message").asText()).contains("DONE");
    assertThat(ok.status()).isEqualTo(204);
    assertThat(clear.status()).isEqualTo(204);
    assertThat(missing.status()).isEqualTo(404);
    FakeFeature f = fake.feature(uuid);
    assertThat(f.statusCode()).isEqualTo("IN_TESTING");
    assertThat(f.responsibleId()).isNull();
    assertThat(f.title()).isEqualTo("one");
    assertThat(f.modifiedAt()).isEqualTo(clock.instant());
  }

  @Test
  void deleteRemovesTheFeature() throws Exception {
    String uuid = fake.addFeature("p1", "one", null);

    assertThat(http.delete(http.features("/Features/" + uuid)).status()).isEqualTo(204);
    assertThat(http.delete(http.features("/Features/" + uuid)).status()).isEqualTo(404);
    assertThatThrownBy(() -> fake.feature(uuid)).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void statusAndPriorityCodesAreServedAndConfigurable() throws Exception {
    Map<String, String> statuses = new LinkedHashMap<>();
    statuses.put("S1", "Open");
    statuses.put("S2", "Done");
    try (FakeCalm custom = FakeCalm.builder().featureStatuses(statuses).start()) {
      Http h = new Http(custom);
      JsonNode codes = h.get(h.features("/FeatureStatus")).json().get("value");
      String uuid = custom.addFeature("p", "t", null);

      assertThat(codes).hasSize(2);
      assertThat(codes.get(1).get("code").asText()).isEqualTo("S2");
      assertThat(codes.get(1).get("name").asText()).isEqualTo("Done");
      assertThat(custom.feature(uuid).statusCode()).isEqualTo("S1");
      assertThat(h.patch(h.features("/Features/" + uuid), "{\"statusCode\":\"IN_TESTING\"}").status())
          .isEqualTo(400);
    }
    JsonNode priorities = http.get(http.features("/FeaturePriorities")).json().get("value");
    assertThat(priorities.get(0).get("code").asInt()).isEqualTo(10);
  }

  @Test
  void transportParentIsTheAssignedFeatureOr404() throws Exception {
    String uuid = fake.addFeature("p1", "owner", null);
    fake.assignTransport("S4DK900123", uuid);
    fake.assignTransport("S4DK900124", null);

    JsonNode transports = http.get(http.features("/Transports")).json().get("value");
    Http.Res parent = http.get(http.features("/Transports/S4DK900123/parent"));
    Http.Res unassigned = http.get(http.features("/Transports/S4DK900124/parent"));
    Http.Res unknown = http.get(http.features("/Transports/NOPE/parent"));

    assertThat(transports).hasSize(2);
    assertThat(transports.get(0).get("featureUuid").asText()).isEqualTo(uuid);
    assertThat(parent.json().get("uuid").asText()).isEqualTo(uuid);
    assertThat(unassigned.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void externalReferencesAreCreatedListedAndDeletedByUrlDecodedCompositeKey() throws Exception {
    String uuid = fake.addFeature("p1", "f", null);
    String id = "JIRA/ABC-1 x";

    Http.Res created = http.post(http.features("/ExternalReferences"),
        "{\"id\":\"" + id + "\",\"parentUuid\":\"" + uuid + "\",\"name\":\"Jira\",\"url\":\"https://j/ABC-1\"}");
    Http.Res duplicate = http.post(http.features("/ExternalReferences"),
        "{\"id\":\"" + id + "\",\"parentUuid\":\"" + uuid + "\"}");
    JsonNode listed = http.get(http.features("/ExternalReferences?$filter=" + q("parentUuid eq '" + uuid + "'")))
        .json().get("value");
    URI delete = http.features("/ExternalReferences/" + q(id).replace("/", "%2F") + "/" + uuid);

    assertThat(created.status()).isEqualTo(201);
    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
    assertThat(http.delete(delete).status()).isEqualTo(204);
    assertThat(http.delete(delete).status()).isEqualTo(404);
  }

  @Test
  void urlReferencesGetAUuidAndCanBeDeleted() throws Exception {
    String uuid = fake.addFeature("p1", "f", null);

    Http.Res created = http.post(http.features("/URLReferences"),
        "{\"parentUuid\":\"" + uuid + "\",\"name\":\"Spec\",\"url\":\"https://wiki/spec\"}");
    String refId = created.json().get("uuid").asText();

    assertThat(created.status()).isEqualTo(201);
    assertThat(http.get(http.features("/URLReferences")).json().get("value")).hasSize(1);
    assertThat(http.delete(http.features("/URLReferences/" + refId)).status()).isEqualTo(204);
    assertThat(http.get(http.features("/URLReferences")).json().get("value")).isEmpty();
  }

  @Test
  void transportReferencesAreListed() throws Exception {
    String uuid = fake.addFeature("p1", "f", null);
    fake.addTransportReference(uuid, "ABCK900001", "manual");

    JsonNode refs = http.get(http.features("/TransportReferences")).json().get("value");

    assertThat(refs.get(0).get("transportId").asText()).isEqualTo("ABCK900001");
  }

  @Test
  void strictProjectIdModeRejectsMissingParameterAndProjectIdInFilter() throws Exception {
    try (FakeCalm strict = FakeCalm.builder().requireProjectIdParameter(true).start()) {
      Http h = new Http(strict);

      assertThat(h.get(h.features("/Features")).status()).isEqualTo(400);
      assertThat(h.get(h.features("/Features?projectId=p&$filter=" + q("projectId eq 'p'"))).status())
          .isEqualTo(400);
      assertThat(h.get(h.features("/Features?projectId=p")).status()).isEqualTo(200);
    }
  }

  @Test
  void serverDrivenPagingAddsANextLinkThatLeadsToTheRest() throws Exception {
    try (FakeCalm paged = FakeCalm.builder().featuresPageSize(2).start()) {
      Http h = new Http(paged);
      paged.addFeatures("p", 5);

      List<String> all = new ArrayList<>();
      URI next = h.features("/Features?$count=true");
      int pages = 0;
      while (next != null) {
        JsonNode page = h.get(next).json();
        all.addAll(titles(page));
        next = page.has("@odata.nextLink") ? URI.create(page.get("@odata.nextLink").asText()) : null;
        pages++;
      }

      assertThat(pages).isEqualTo(3);
      assertThat(all).hasSize(5).doesNotHaveDuplicates();
    }
  }

  @Test
  void taskAssignmentsAreListedAndFilteredByFeature() throws Exception {
    String a = fake.addFeature("p1", "a", null);
    String b = fake.addFeature("p1", "b", null);
    fake.addTaskAssignment(a, "T-1", "CALMTASK", "Write the code");
    fake.addTaskAssignment(b, "US-7", "CALMUS", null);

    JsonNode all = http.get(http.features("/TaskAssignments")).json().get("value");
    JsonNode ofA = http.get(http.features("/TaskAssignments?$filter=" + q("parentUuid eq '" + a + "'")))
        .json().get("value");
    Http.Res write = http.post(http.features("/TaskAssignments"), "{}");

    assertThat(all).hasSize(2);
    assertThat(ofA).hasSize(1);
    assertThat(ofA.get(0).get("taskId").asText()).isEqualTo("T-1");
    assertThat(ofA.get(0).get("taskType").asText()).isEqualTo("CALMTASK");
    assertThat(ofA.get(0).get("title").asText()).isEqualTo("Write the code");
    assertThat(write.status()).isEqualTo(405);
    assertThatThrownBy(() -> fake.addTaskAssignment("nope", "T-2", "CALMTASK", null))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void expandAddsStatusTransportsAndAssignmentsToAFeatureEvenWithSelect() throws Exception {
    String uuid = fake.addFeature("p1", "expanded", "IN_TESTING");
    fake.assignTransport("S4DK900123", uuid);
    fake.assignTransport("S4DK900999", null);
    fake.addTaskAssignment(uuid, "T-1", "CALMTASK", "t");

    JsonNode one = http.get(http.features("/Features/" + uuid
        + "?$expand=toStatus,toTransports($select=id),toTaskAssignments")).json();
    JsonNode listed = list("$select=title&$expand=toTransports").json().get("value").get(0);
    JsonNode plain = http.get(http.features("/Features/" + uuid)).json();

    assertThat(one.get("toStatus").get("code").asText()).isEqualTo("IN_TESTING");
    assertThat(one.get("toStatus").get("name").asText()).isEqualTo("In Testing");
    assertThat(one.get("toTransports")).hasSize(1);
    assertThat(one.get("toTransports").get(0).get("id").asText()).isEqualTo("S4DK900123");
    assertThat(one.get("toTaskAssignments").get(0).get("taskId").asText()).isEqualTo("T-1");
    assertThat(listed.get("title").asText()).isEqualTo("expanded");
    assertThat(listed.has("uuid")).isFalse();
    assertThat(listed.get("toTransports")).hasSize(1);
    assertThat(plain.has("toTransports")).isFalse();
  }

  @Test
  void unknownNavigationPropertyOrExpandOutsideFeaturesIsA400() throws Exception {
    fake.addFeature("p1", "x", null);

    Http.Res unknown = list("$expand=toNothing");
    Http.Res elsewhere = http.get(http.features("/Transports?$expand=parent"));

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("error").get("message").asText()).contains("toNothing");
    assertThat(elsewhere.status()).isEqualTo(400);
  }
}
