package io.github.calmsdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.calmsdk.testkit.FakeFeature;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Features OData v4 API ({@code /api/calm-features/v1}) and its state. All state is guarded by one lock; no
 * I/O happens while it is held.
 */
final class FeaturesApi {
  static final String PREFIX = "/api/calm-features/v1";

  private static final Pattern KEY = Pattern.compile("^([A-Za-z]+)\\('?([^')]*)'?\\)$");
  private static final Set<String> QUERY_OPTIONS = Set.of("$filter", "$top", "$skip", "$count", "$select",
      "$orderby", "$format");
  private static final List<String> FEATURE_FIELDS = List.of("uuid", "displayId", "title", "description",
      "projectId", "statusCode", "priorityCode", "releaseId", "scopeId", "responsibleId", "workstreamId", "type",
      "tags", "createdAt", "modifiedAt");
  private static final Set<String> READ_ONLY = Set.of("uuid", "displayId", "createdAt", "modifiedAt");
  private static final Set<String> NULLABLE = Set.of("description", "priorityCode", "releaseId", "scopeId",
      "responsibleId", "workstreamId", "type");
  private static final List<String> CODE_FIELDS = List.of("code", "name");
  private static final List<String> TRANSPORT_FIELDS = List.of("id", "description", "status", "featureUuid",
      "createdAt");
  private static final List<String> TRANSPORT_REFERENCE_FIELDS = List.of("uuid", "parentUuid", "transportId",
      "description");
  private static final List<String> EXTERNAL_REFERENCE_FIELDS = List.of("id", "parentUuid", "name", "url");
  private static final List<String> URL_REFERENCE_FIELDS = List.of("uuid", "parentUuid", "name", "url");

  private static final class Feature {
    String uuid;
    String displayId;
    String title;
    String description;
    String projectId;
    String statusCode;
    Integer priorityCode;
    String releaseId;
    String scopeId;
    String responsibleId;
    String workstreamId;
    String type;
    List<String> tags = List.of();
    Instant createdAt;
    Instant modifiedAt;

    Map<String, Object> row() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("uuid", uuid);
      m.put("displayId", displayId);
      m.put("title", title);
      m.put("description", description);
      m.put("projectId", projectId);
      m.put("statusCode", statusCode);
      m.put("priorityCode", priorityCode);
      m.put("releaseId", releaseId);
      m.put("scopeId", scopeId);
      m.put("responsibleId", responsibleId);
      m.put("workstreamId", workstreamId);
      m.put("type", type);
      m.put("tags", tags);
      m.put("createdAt", Times.format(createdAt));
      m.put("modifiedAt", Times.format(modifiedAt));
      return m;
    }

    FakeFeature snapshot() {
      return new FakeFeature(uuid, displayId, title, description, projectId, statusCode, priorityCode, releaseId,
          scopeId, responsibleId, workstreamId, type, tags, createdAt, modifiedAt);
    }
  }

  private final Settings settings;
  private final ObjectMapper json;
  private final String contextBase;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Feature> features = new LinkedHashMap<>();
  private final Map<String, Integer> projectNumbers = new HashMap<>();
  private final Map<String, Integer> projectCounters = new HashMap<>();
  private final Map<String, Map<String, Object>> transports = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> transportReferences = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> externalReferences = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> urlReferences = new LinkedHashMap<>();

  FeaturesApi(Settings settings, ObjectMapper json, String baseUri) {
    this.settings = settings;
    this.json = json;
    this.contextBase = baseUri + PREFIX + "/$metadata#";
  }

  // ------------------------------------------------------------------------------------------------ test helpers

  String addFeature(String projectId, String title, String statusCode) {
    if (projectId == null || projectId.isBlank() || title == null || title.isBlank()) {
      throw new IllegalArgumentException("a feature needs a projectId and a title");
    }
    String status = statusCode == null ? firstStatus() : statusCode;
    if (!settings.featureStatuses().containsKey(status)) {
      throw new IllegalArgumentException("unknown status code " + status + "; known: "
          + settings.featureStatuses().keySet());
    }
    lock.lock();
    try {
      Feature f = newFeature(projectId, title);
      f.statusCode = status;
      return f.uuid;
    } finally {
      lock.unlock();
    }
  }

  FakeFeature feature(String uuid) {
    lock.lock();
    try {
      Feature f = features.get(uuid);
      if (f == null) {
        throw new NoSuchElementException("no feature " + uuid);
      }
      return f.snapshot();
    } finally {
      lock.unlock();
    }
  }

  List<FakeFeature> features() {
    lock.lock();
    try {
      List<FakeFeature> out = new ArrayList<>();
      features.values().forEach(f -> out.add(f.snapshot()));
      return out;
    } finally {
      lock.unlock();
    }
  }

  void assignTransport(String transportId, String featureUuid) {
    if (transportId == null || transportId.isBlank()) {
      throw new IllegalArgumentException("a transport needs an id");
    }
    lock.lock();
    try {
      if (featureUuid != null && !features.containsKey(featureUuid)) {
        throw new NoSuchElementException("no feature " + featureUuid);
      }
      Map<String, Object> t = transports.computeIfAbsent(transportId, id -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("description", "Transport " + id);
        m.put("status", "released");
        m.put("featureUuid", null);
        m.put("createdAt", Times.format(settings.clock().instant()));
        return m;
      });
      t.put("featureUuid", featureUuid);
    } finally {
      lock.unlock();
    }
  }

  String addTransportReference(String featureUuid, String transportId, String description) {
    lock.lock();
    try {
      if (!features.containsKey(featureUuid)) {
        throw new NoSuchElementException("no feature " + featureUuid);
      }
      String uuid = UUID.randomUUID().toString();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("uuid", uuid);
      m.put("parentUuid", featureUuid);
      m.put("transportId", transportId);
      m.put("description", description);
      transportReferences.put(uuid, m);
      return uuid;
    } finally {
      lock.unlock();
    }
  }

  private String firstStatus() {
    return settings.featureStatuses().keySet().iterator().next();
  }

  private Feature newFeature(String projectId, String title) {
    Feature f = new Feature();
    f.uuid = UUID.randomUUID().toString();
    int project = projectNumbers.computeIfAbsent(projectId, p -> projectNumbers.size() + 1);
    int n = projectCounters.merge(projectId, 1, Integer::sum);
    f.displayId = project + "-" + n;
    f.title = title;
    f.projectId = projectId;
    f.statusCode = firstStatus();
    f.type = "Feature";
    f.createdAt = settings.clock().instant();
    f.modifiedAt = f.createdAt;
    features.put(f.uuid, f);
    return f;
  }

  // ------------------------------------------------------------------------------------------------ routing

  /** Whether a request needs the write scope. */
  static boolean isWrite(String method) {
    return !method.equals("GET") && !method.equals("HEAD");
  }

  HttpResp handle(Req req, String sub) {
    List<String> s = new ArrayList<>();
    for (String part : sub.split("/")) {
      if (!part.isEmpty()) {
        s.add(part);
      }
    }
    if (s.isEmpty()) {
      return notFound("No resource at " + req.rawPath);
    }
    String set = s.get(0);
    String key = null;
    Matcher km = KEY.matcher(set);
    if (km.matches()) {
      set = km.group(1);
      key = Req.decodeSegment(km.group(2));
      s.add(1, key);
    } else if (s.size() > 1) {
      key = Req.decodeSegment(s.get(1));
    }
    String m = req.method;
    switch (set) {
      case "Features":
        if (s.size() == 1) {
          return m.equals("GET") ? listFeatures(req) : m.equals("POST") ? createFeature(req) : notAllowed(m);
        }
        if (s.size() == 2) {
          switch (m) {
            case "GET":
              return getFeature(key);
            case "PATCH":
              return patchFeature(req, key);
            case "DELETE":
              return deleteFeature(key);
            default:
              return notAllowed(m);
          }
        }
        break;
      case "FeatureStatus":
        if (s.size() == 1) {
          return m.equals("GET") ? codes(req, set, settings.featureStatuses()) : notAllowed(m);
        }
        break;
      case "FeaturePriorities":
        if (s.size() == 1) {
          return m.equals("GET") ? codes(req, set, settings.featurePriorities()) : notAllowed(m);
        }
        break;
      case "Transports":
        if (s.size() == 1) {
          return m.equals("GET") ? simpleList(req, set, transports, TRANSPORT_FIELDS) : notAllowed(m);
        }
        if (s.size() == 3 && s.get(2).equals("parent")) {
          return m.equals("GET") ? transportParent(key) : notAllowed(m);
        }
        break;
      case "TransportReferences":
        if (s.size() == 1) {
          return m.equals("GET")
              ? simpleList(req, set, transportReferences, TRANSPORT_REFERENCE_FIELDS)
              : notAllowed(m);
        }
        break;
      case "ExternalReferences":
        if (s.size() == 1) {
          return m.equals("GET")
              ? simpleList(req, set, externalReferences, EXTERNAL_REFERENCE_FIELDS)
              : m.equals("POST") ? createExternalReference(req) : notAllowed(m);
        }
        if (s.size() == 3) {
          return m.equals("DELETE")
              ? deleteReference(externalReferences, compositeKey(key, Req.decodeSegment(s.get(2))))
              : notAllowed(m);
        }
        break;
      case "URLReferences":
        if (s.size() == 1) {
          return m.equals("GET")
              ? simpleList(req, set, urlReferences, URL_REFERENCE_FIELDS)
              : m.equals("POST") ? createUrlReference(req) : notAllowed(m);
        }
        if (s.size() == 2) {
          return m.equals("DELETE") ? deleteReference(urlReferences, key) : notAllowed(m);
        }
        break;
      default:
        break;
    }
    return notFound("No resource at " + req.rawPath);
  }

  // ------------------------------------------------------------------------------------------------ features

  private HttpResp listFeatures(Req req) {
    String projectParam = req.param("projectId");
    if (settings.requireProjectIdParameter()) {
      if (projectParam == null || projectParam.isBlank()) {
        return badRequest("The query parameter projectId is required");
      }
      String filter = req.param("$filter");
      if (filter != null && filter.contains("projectId")) {
        return badRequest("projectId is not allowed in $filter; pass it as the query parameter projectId");
      }
    }
    lock.lock();
    try {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Feature f : features.values()) {
        if (projectParam == null || projectParam.equals(f.projectId)) {
          rows.add(f.row());
        }
      }
      return collection(req, "Features", rows, FEATURE_FIELDS);
    } finally {
      lock.unlock();
    }
  }

  private HttpResp getFeature(String uuid) {
    lock.lock();
    try {
      Feature f = features.get(uuid);
      if (f == null) {
        return notFound("Feature with key '" + uuid + "' not found");
      }
      return entity("Features", f.row());
    } finally {
      lock.unlock();
    }
  }

  private HttpResp createFeature(Req req) {
    JsonNode body = jsonBody(req);
    checkProperties(body, "Feature");
    String title = string(body, "title");
    String projectId = string(body, "projectId");
    if (title == null || title.isBlank()) {
      return badRequest("Property 'title' is required");
    }
    if (projectId == null || projectId.isBlank()) {
      return badRequest("Property 'projectId' is required");
    }
    lock.lock();
    try {
      Feature draft = new Feature();
      draft.tags = List.of();
      apply(draft, body, true);
      Feature f = newFeature(projectId, title);
      f.description = draft.description;
      f.statusCode = draft.statusCode == null ? f.statusCode : draft.statusCode;
      f.priorityCode = draft.priorityCode;
      f.releaseId = draft.releaseId;
      f.scopeId = draft.scopeId;
      f.responsibleId = draft.responsibleId;
      f.workstreamId = draft.workstreamId;
      f.type = draft.type == null ? f.type : draft.type;
      f.tags = draft.tags;
      return entityResponse(201, "Features", f.row())
          .withHeader("Location", contextBase.replace("/$metadata#", "/Features/") + f.uuid);
    } finally {
      lock.unlock();
    }
  }

  private HttpResp patchFeature(Req req, String uuid) {
    JsonNode body = jsonBody(req);
    checkProperties(body, "Feature");
    lock.lock();
    try {
      Feature f = features.get(uuid);
      if (f == null) {
        return notFound("Feature with key '" + uuid + "' not found");
      }
      if (body.has("projectId") && !String.valueOf(string(body, "projectId")).equals(f.projectId)) {
        return badRequest("Property 'projectId' cannot be changed");
      }
      Feature draft = copy(f);
      apply(draft, body, false);
      if (body.has("title")) {
        f.title = draft.title;
      }
      f.description = draft.description;
      f.statusCode = draft.statusCode;
      f.priorityCode = draft.priorityCode;
      f.releaseId = draft.releaseId;
      f.scopeId = draft.scopeId;
      f.responsibleId = draft.responsibleId;
      f.workstreamId = draft.workstreamId;
      f.type = draft.type;
      f.tags = draft.tags;
      f.modifiedAt = settings.clock().instant();
      return HttpResp.noContent();
    } finally {
      lock.unlock();
    }
  }

  private static Feature copy(Feature f) {
    Feature c = new Feature();
    c.title = f.title;
    c.description = f.description;
    c.statusCode = f.statusCode;
    c.priorityCode = f.priorityCode;
    c.releaseId = f.releaseId;
    c.scopeId = f.scopeId;
    c.responsibleId = f.responsibleId;
    c.workstreamId = f.workstreamId;
    c.type = f.type;
    c.tags = f.tags;
    return c;
  }

  /** Validates and copies the writable fields present in {@code body} onto {@code f} (a draft). */
  private void apply(Feature f, JsonNode body, boolean create) {
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      String name = e.getKey();
      JsonNode v = e.getValue();
      if (name.startsWith("@") || READ_ONLY.contains(name) || name.equals("projectId")) {
        continue;
      }
      if (v.isNull() && !NULLABLE.contains(name)) {
        throw new HttpError(badRequest("Property '" + name + "' cannot be null"));
      }
      switch (name) {
        case "title":
          f.title = text(name, v);
          if (f.title.isBlank()) {
            throw new HttpError(badRequest("Property 'title' must not be blank"));
          }
          break;
        case "description":
          f.description = text(name, v);
          break;
        case "statusCode":
          String status = text(name, v);
          if (!settings.featureStatuses().containsKey(status)) {
            throw new HttpError(badRequest("Invalid statusCode '" + status + "'; allowed: "
                + String.join(", ", settings.featureStatuses().keySet())));
          }
          f.statusCode = status;
          break;
        case "priorityCode":
          f.priorityCode = priority(v);
          break;
        case "releaseId":
          f.releaseId = text(name, v);
          break;
        case "scopeId":
          f.scopeId = text(name, v);
          break;
        case "responsibleId":
          f.responsibleId = text(name, v);
          break;
        case "workstreamId":
          f.workstreamId = text(name, v);
          break;
        case "type":
          f.type = text(name, v);
          break;
        case "tags":
          if (!v.isArray()) {
            throw new HttpError(badRequest("Property 'tags' must be an array of strings"));
          }
          List<String> tags = new ArrayList<>();
          for (JsonNode t : v) {
            if (!t.isTextual()) {
              throw new HttpError(badRequest("Property 'tags' must be an array of strings"));
            }
            tags.add(t.asText());
          }
          f.tags = List.copyOf(tags);
          break;
        default:
          throw new HttpError(badRequest("Property '" + name + "' does not exist in type 'Feature'"));
      }
    }
  }

  /** The real API's quirk: numeric on read, a string on write. */
  private Integer priority(JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new HttpError(badRequest("Property 'priorityCode' must be a string such as \"30\", not " + v));
    }
    Integer code;
    try {
      code = Integer.valueOf(v.asText().trim());
    } catch (NumberFormatException e) {
      code = null;
    }
    if (code == null || !settings.featurePriorities().containsKey(code)) {
      throw new HttpError(badRequest("Invalid priorityCode '" + v.asText() + "'; allowed: "
          + settings.featurePriorities().keySet()));
    }
    return code;
  }

  private String text(String name, JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new HttpError(badRequest("Property '" + name + "' must be a string"));
    }
    return v.asText();
  }

  private static String string(JsonNode body, String name) {
    JsonNode v = body.get(name);
    return v == null || !v.isTextual() ? null : v.asText();
  }

  private void checkProperties(JsonNode body, String type) {
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!n.startsWith("@") && !FEATURE_FIELDS.contains(n)) {
        throw new HttpError(badRequest("Property '" + n + "' does not exist in type '" + type + "'"));
      }
    }
  }

  private HttpResp deleteFeature(String uuid) {
    lock.lock();
    try {
      if (features.remove(uuid) == null) {
        return notFound("Feature with key '" + uuid + "' not found");
      }
      transports.values().forEach(t -> {
        if (uuid.equals(t.get("featureUuid"))) {
          t.put("featureUuid", null);
        }
      });
      return HttpResp.noContent();
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------------------------------------ other sets

  private HttpResp codes(Req req, String set, Map<?, String> codes) {
    List<Map<String, Object>> rows = new ArrayList<>();
    codes.forEach((code, name) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", code);
      m.put("name", name);
      rows.add(m);
    });
    return collection(req, set, rows, CODE_FIELDS);
  }

  private HttpResp simpleList(Req req, String set, Map<String, Map<String, Object>> source, List<String> fields) {
    lock.lock();
    try {
      List<Map<String, Object>> rows = new ArrayList<>();
      source.values().forEach(r -> rows.add(new LinkedHashMap<>(r)));
      return collection(req, set, rows, fields);
    } finally {
      lock.unlock();
    }
  }

  private HttpResp transportParent(String transportId) {
    lock.lock();
    try {
      Map<String, Object> t = transports.get(transportId);
      if (t == null) {
        return notFound("Transport with key '" + transportId + "' not found");
      }
      Object uuid = t.get("featureUuid");
      Feature f = uuid == null ? null : features.get(uuid.toString());
      if (f == null) {
        return notFound("Transport '" + transportId + "' is not assigned to a feature");
      }
      return entity("Features", f.row());
    } finally {
      lock.unlock();
    }
  }

  private HttpResp createExternalReference(Req req) {
    JsonNode body = jsonBody(req);
    Map<String, Object> ref = reference(body, EXTERNAL_REFERENCE_FIELDS, "ExternalReference", null);
    if (ref.get("id") == null || ref.get("id").toString().isBlank()) {
      return badRequest("Property 'id' is required");
    }
    lock.lock();
    try {
      checkParent(ref);
      String key = compositeKey(ref.get("id").toString(), ref.get("parentUuid").toString());
      if (externalReferences.containsKey(key)) {
        return badRequest("Entity already exists");
      }
      externalReferences.put(key, ref);
      return entityResponse(201, "ExternalReferences", ref);
    } finally {
      lock.unlock();
    }
  }

  private HttpResp createUrlReference(Req req) {
    JsonNode body = jsonBody(req);
    Map<String, Object> ref = reference(body, URL_REFERENCE_FIELDS, "URLReference", "uuid");
    if (ref.get("url") == null || ref.get("url").toString().isBlank()) {
      return badRequest("Property 'url' is required");
    }
    lock.lock();
    try {
      checkParent(ref);
      String uuid = UUID.randomUUID().toString();
      ref.put("uuid", uuid);
      urlReferences.put(uuid, ref);
      return entityResponse(201, "URLReferences", ref);
    } finally {
      lock.unlock();
    }
  }

  /** Validates a reference body; a client-sent {@code generatedKey} is ignored (the fake assigns it). */
  private Map<String, Object> reference(JsonNode body, List<String> fields, String type, String generatedKey) {
    Map<String, Object> ref = new LinkedHashMap<>();
    fields.forEach(f -> ref.put(f, null));
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      if (e.getKey().startsWith("@") || e.getKey().equals(generatedKey)) {
        continue;
      }
      if (!fields.contains(e.getKey())) {
        throw new HttpError(badRequest("Property '" + e.getKey() + "' does not exist in type '" + type + "'"));
      }
      ref.put(e.getKey(), text(e.getKey(), e.getValue()));
    }
    if (ref.get("parentUuid") == null) {
      throw new HttpError(badRequest("Property 'parentUuid' is required"));
    }
    return ref;
  }

  private void checkParent(Map<String, Object> ref) {
    if (!features.containsKey(ref.get("parentUuid").toString())) {
      throw new HttpError(badRequest("Feature with key '" + ref.get("parentUuid") + "' not found"));
    }
  }

  private static String compositeKey(String id, String parentUuid) {
    return id + "\u0000" + parentUuid;
  }

  private HttpResp deleteReference(Map<String, Map<String, Object>> source, String key) {
    lock.lock();
    try {
      if (source.remove(key) == null) {
        return notFound("No entity with that key");
      }
      return HttpResp.noContent();
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------------------------------------ OData plumbing

  private HttpResp collection(Req req, String set, List<Map<String, Object>> rows, List<String> fieldList) {
    Set<String> fields = new LinkedHashSet<>(fieldList);
    for (String p : req.params().keySet()) {
      if (p.startsWith("$") && !QUERY_OPTIONS.contains(p)) {
        return badRequest("The query option " + p + " is not supported by FakeCalm");
      }
    }
    try {
      String filter = req.param("$filter");
      if (filter != null) {
        List<ODataQuery.Condition> conditions = ODataQuery.parseFilter(filter, fields, set);
        rows.removeIf(r -> !conditions.stream().allMatch(c -> c.test(r)));
      }
      String orderBy = req.param("$orderby");
      if (orderBy != null) {
        Comparator<Map<String, Object>> c = ODataQuery.orderBy(orderBy, fields, set);
        rows.sort(c);
      }
    } catch (ODataQuery.BadQueryException e) {
      return badRequest(e.getMessage());
    }
    int skip = nonNegative(req, "$skip", 0);
    int top = nonNegative(req, "$top", Integer.MAX_VALUE);
    String count = req.param("$count");
    if (count != null && !count.equals("true") && !count.equals("false")) {
      return badRequest("Invalid $count '" + count + "'; expected true or false");
    }
    List<String> select = select(req, fields);
    int total = rows.size();
    int from = Math.min(skip, total);
    int to = (int) Math.min((long) from + top, total);
    int pageSize = settings.featuresMaxPageSize();
    boolean more = false;
    if (pageSize > 0 && to - from > pageSize) {
      to = from + pageSize;
      more = true;
    }
    ObjectNode out = json.createObjectNode();
    out.put("@odata.context", contextBase + set + (select == null ? "" : "(" + String.join(",", select) + ")"));
    if ("true".equals(count)) {
      out.put("@odata.count", total);
    }
    ArrayNode value = out.putArray("value");
    for (Map<String, Object> row : rows.subList(from, to)) {
      value.add(toJson(row, select));
    }
    if (more) {
      out.put("@odata.nextLink", nextLink(req, to, top == Integer.MAX_VALUE ? -1 : top - (to - from)));
    }
    return HttpResp.json(200, out.toString());
  }

  private String nextLink(Req req, int skip, int top) {
    StringBuilder q = new StringBuilder();
    for (Map.Entry<String, List<String>> e : req.params().entrySet()) {
      if (e.getKey().equals("$skip") || e.getKey().equals("$top")) {
        continue;
      }
      for (String v : e.getValue()) {
        q.append(q.length() == 0 ? "" : "&").append(encode(e.getKey())).append('=').append(encode(v));
      }
    }
    q.append(q.length() == 0 ? "" : "&").append("$skip=").append(skip);
    if (top >= 0) {
      q.append("&$top=").append(top);
    }
    return contextBase.substring(0, contextBase.indexOf(PREFIX)) + req.rawPath + "?" + q;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
  }

  private int nonNegative(Req req, String name, int absent) {
    String v = req.param(name);
    if (v == null) {
      return absent;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new HttpError(badRequest("Invalid " + name + " '" + v + "'; expected a non-negative integer"));
  }

  private List<String> select(Req req, Set<String> fields) {
    String v = req.param("$select");
    if (v == null || v.isBlank() || v.trim().equals("*")) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String f : v.split(",")) {
      String name = f.trim();
      if (!fields.contains(name)) {
        throw new HttpError(badRequest("Property '" + name + "' not found in $select"));
      }
      out.add(name);
    }
    return out;
  }

  private ObjectNode toJson(Map<String, Object> row, List<String> select) {
    ObjectNode o = json.createObjectNode();
    for (Map.Entry<String, Object> e : row.entrySet()) {
      if (select == null || select.contains(e.getKey())) {
        o.set(e.getKey(), json.valueToTree(e.getValue()));
      }
    }
    return o;
  }

  private HttpResp entity(String set, Map<String, Object> row) {
    return entityResponse(200, set, row);
  }

  private HttpResp entityResponse(int status, String set, Map<String, Object> row) {
    ObjectNode o = json.createObjectNode();
    o.put("@odata.context", contextBase + set + "/$entity");
    o.setAll(toJson(row, null));
    return HttpResp.json(status, o.toString());
  }

  private JsonNode jsonBody(Req req) {
    byte[] body = req.body == null ? new byte[0] : req.body;
    if (!req.contentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new HttpError(error(415, "Content-Type '" + req.contentType() + "' is not supported; send application/json"));
    }
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new HttpError(badRequest("The request body must be a JSON object"));
      }
      return node;
    } catch (IOException e) {
      throw new HttpError(badRequest("The request body is not valid JSON"));
    }
  }

  HttpResp error(int status, String message) {
    ObjectNode o = json.createObjectNode();
    ObjectNode err = o.putObject("error");
    err.put("code", Integer.toString(status));
    err.put("message", message);
    err.putArray("details");
    return HttpResp.json(status, o.toString());
  }

  private HttpResp badRequest(String message) {
    return error(400, message);
  }

  HttpResp notFound(String message) {
    return error(404, message);
  }

  private HttpResp notAllowed(String method) {
    return error(405, "Method " + method + " is not allowed on this resource");
  }
}
