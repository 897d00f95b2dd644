package io.github.calmsdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.calmsdk.testkit.internal.FeaturesStore.Feature;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of the Features OData v4 API ({@code /api/calm-features/v1}): routing and validation; the state
 * lives in {@link FeaturesStore}.
 */
final class FeaturesApi {
  static final String PREFIX = "/api/calm-features/v1";

  private static final Pattern KEY = Pattern.compile("^([A-Za-z]+)\\('?([^')]*)'?\\)$");
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
  /** Invented for the fake: the public docs name the set, not its fields. */
  private static final List<String> TASK_ASSIGNMENT_FIELDS = List.of("uuid", "parentUuid", "taskId", "taskType",
      "title");
  /** Navigation properties of Feature for $expand, as a community server lists them, plus one client's alias. */
  private static final Set<String> NAVIGATION = Set.of("toStatus", "toPriority", "toTransports",
      "toTransportReferences", "toExternalReferences", "externalReferences", "toTaskAssignments");

  private final Settings settings;
  private final ObjectMapper json;
  private final String contextBase;
  private final FeaturesStore store;
  private final ODataResponses odata;

  FeaturesApi(Settings settings, ObjectMapper json, String baseUri, FeaturesStore store) {
    this.settings = settings;
    this.json = json;
    this.contextBase = baseUri + PREFIX + "/$metadata#";
    this.store = store;
    this.odata = new ODataResponses(json, contextBase, settings.featuresMaxPageSize());
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
    if (req.param("$expand") != null && !set.equals("Features")) {
      return badRequest("$expand is supported on Features only in FakeCalm");
    }
    switch (set) {
      case "TaskAssignments":
        if (s.size() == 1) {
          return m.equals("GET")
              ? simpleList(req, set, store.taskAssignments, TASK_ASSIGNMENT_FIELDS)
              : notAllowed(m);
        }
        break;
      case "Features":
        if (s.size() == 1) {
          return m.equals("GET") ? listFeatures(req) : m.equals("POST") ? createFeature(req) : notAllowed(m);
        }
        if (s.size() == 2) {
          switch (m) {
            case "GET":
              return getFeature(req, key);
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
          return m.equals("GET") ? simpleList(req, set, store.transports, TRANSPORT_FIELDS) : notAllowed(m);
        }
        if (s.size() == 3 && s.get(2).equals("parent")) {
          return m.equals("GET") ? transportParent(key) : notAllowed(m);
        }
        break;
      case "TransportReferences":
        if (s.size() == 1) {
          return m.equals("GET")
              ? simpleList(req, set, store.transportReferences, TRANSPORT_REFERENCE_FIELDS)
              : notAllowed(m);
        }
        break;
      case "ExternalReferences":
        if (s.size() == 1) {
          return m.equals("GET")
              ? simpleList(req, set, store.externalReferences, EXTERNAL_REFERENCE_FIELDS)
              : m.equals("POST") ? createExternalReference(req) : notAllowed(m);
        }
        if (s.size() == 3) {
          return m.equals("DELETE")
              ? deleteReference(store.externalReferences, compositeKey(key, Req.decodeSegment(s.get(2))))
              : notAllowed(m);
        }
        break;
      case "URLReferences":
        if (s.size() == 1) {
          return m.equals("GET")
              ? simpleList(req, set, store.urlReferences, URL_REFERENCE_FIELDS)
              : m.equals("POST") ? createUrlReference(req) : notAllowed(m);
        }
        if (s.size() == 2) {
          return m.equals("DELETE") ? deleteReference(store.urlReferences, key) : notAllowed(m);
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
    List<String> expand = expand(req);
    return store.locked(() -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Feature f : store.features.values()) {
        if (projectParam == null || projectParam.equals(f.projectId)) {
          rows.add(expanded(f, expand));
        }
      }
      return odata.collection(req, "Features", rows, FEATURE_FIELDS);
    });
  }

  private HttpResp getFeature(Req req, String uuid) {
    List<String> expand = expand(req);
    return store.locked(() -> {
      Feature f = store.features.get(uuid);
      if (f == null) {
        return notFound("Feature with key '" + uuid + "' not found");
      }
      return odata.entity("Features", expanded(f, expand));
    });
  }

  /**
   * The navigation properties named in {@code $expand}, comma-separated at the top level; nested options in
   * parentheses, such as {@code toTransports($select=id)}, are accepted and ignored.
   */
  private List<String> expand(Req req) {
    String v = req.param("$expand");
    List<String> out = new ArrayList<>();
    if (v == null || v.isBlank()) {
      return out;
    }
    int depth = 0;
    StringBuilder name = new StringBuilder();
    for (char c : (v + ",").toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        String n = name.toString().trim();
        if (!NAVIGATION.contains(n)) {
          throw new HttpError(badRequest("Navigation property '" + n + "' not found in type 'Feature'; known: "
              + String.join(", ", new TreeSet<>(NAVIGATION))));
        }
        out.add(n);
        name.setLength(0);
      } else if (depth == 0) {
        name.append(c);
      }
    }
    return out;
  }

  /** The feature's row with the expanded navigation properties; the caller holds the lock. */
  private Map<String, Object> expanded(Feature f, List<String> expand) {
    Map<String, Object> row = f.row();
    for (String nav : expand) {
      switch (nav) {
        case "toStatus":
          row.put(nav, code(f.statusCode, settings.featureStatuses().get(f.statusCode)));
          break;
        case "toPriority":
          row.put(nav, f.priorityCode == null ? null
              : code(f.priorityCode, settings.featurePriorities().get(f.priorityCode)));
          break;
        case "toTransports":
          row.put(nav, FeaturesStore.rowsWhere(store.transports, "featureUuid", f.uuid));
          break;
        case "toTransportReferences":
          row.put(nav, FeaturesStore.rowsWhere(store.transportReferences, "parentUuid", f.uuid));
          break;
        case "toTaskAssignments":
          row.put(nav, FeaturesStore.rowsWhere(store.taskAssignments, "parentUuid", f.uuid));
          break;
        default:
          row.put(nav, FeaturesStore.rowsWhere(store.externalReferences, "parentUuid", f.uuid));
          break;
      }
    }
    return row;
  }

  private static Map<String, Object> code(Object code, String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code);
    m.put("name", name);
    return m;
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
    return store.locked(() -> {
      Feature draft = new Feature();
      draft.tags = List.of();
      apply(draft, body, true);
      Feature f = store.newFeature(projectId, title);
      f.description = draft.description;
      f.statusCode = draft.statusCode == null ? f.statusCode : draft.statusCode;
      f.priorityCode = draft.priorityCode;
      f.releaseId = draft.releaseId;
      f.scopeId = draft.scopeId;
      f.responsibleId = draft.responsibleId;
      f.workstreamId = draft.workstreamId;
      f.type = draft.type == null ? f.type : draft.type;
      f.tags = draft.tags;
      return odata.entityResponse(201, "Features", f.row())
          .withHeader("Location", contextBase.replace("/$metadata#", "/Features/") + f.uuid);
    });
  }

  private HttpResp patchFeature(Req req, String uuid) {
    JsonNode body = jsonBody(req);
    checkProperties(body, "Feature");
    return store.locked(() -> {
      Feature f = store.features.get(uuid);
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
    });
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
    return store.locked(() -> {
      if (store.features.remove(uuid) == null) {
        return notFound("Feature with key '" + uuid + "' not found");
      }
      store.transports.values().forEach(t -> {
        if (uuid.equals(t.get("featureUuid"))) {
          t.put("featureUuid", null);
        }
    });
    return HttpResp.noContent();
    });
  }

  // ------------------------------------------------------------------------------------------------ other sets

  private HttpResp codes(Req req, String set, Map<?, String> codes) {
    List<Map<String, Object>> rows = new ArrayList<>();
    codes.forEach((code, name) -> rows.add(code(code, name)));
    return odata.collection(req, set, rows, CODE_FIELDS);
  }

  private HttpResp simpleList(Req req, String set, Map<String, Map<String, Object>> source, List<String> fields) {
    return store.locked(() -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      source.values().forEach(r -> rows.add(new LinkedHashMap<>(r)));
      return odata.collection(req, set, rows, fields);
    });
  }

  private HttpResp transportParent(String transportId) {
    return store.locked(() -> {
      Map<String, Object> t = store.transports.get(transportId);
      if (t == null) {
        return notFound("Transport with key '" + transportId + "' not found");
      }
      Object uuid = t.get("featureUuid");
      Feature f = uuid == null ? null : store.features.get(uuid.toString());
      if (f == null) {
        return notFound("Transport '" + transportId + "' is not assigned to a feature");
      }
      return odata.entity("Features", f.row());
    });
  }

  private HttpResp createExternalReference(Req req) {
    JsonNode body = jsonBody(req);
    Map<String, Object> ref = reference(body, EXTERNAL_REFERENCE_FIELDS, "ExternalReference", null);
    if (ref.get("id") == null || ref.get("id").toString().isBlank()) {
      return badRequest("Property 'id' is required");
    }
    return store.locked(() -> {
      checkParent(ref);
      String key = compositeKey(ref.get("id").toString(), ref.get("parentUuid").toString());
      if (store.externalReferences.containsKey(key)) {
        return badRequest("Entity already exists");
      }
      store.externalReferences.put(key, ref);
      return odata.entityResponse(201, "ExternalReferences", ref);
    });
  }

  private HttpResp createUrlReference(Req req) {
    JsonNode body = jsonBody(req);
    Map<String, Object> ref = reference(body, URL_REFERENCE_FIELDS, "URLReference", "uuid");
    if (ref.get("url") == null || ref.get("url").toString().isBlank()) {
      return badRequest("Property 'url' is required");
    }
    return store.locked(() -> {
      checkParent(ref);
      String uuid = UUID.randomUUID().toString();
      ref.put("uuid", uuid);
      store.urlReferences.put(uuid, ref);
      return odata.entityResponse(201, "URLReferences", ref);
    });
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
    if (!store.features.containsKey(ref.get("parentUuid").toString())) {
      throw new HttpError(badRequest("Feature with key '" + ref.get("parentUuid") + "' not found"));
    }
  }

  private static String compositeKey(String id, String parentUuid) {
    return id + "\u0000" + parentUuid;
  }

  private HttpResp deleteReference(Map<String, Map<String, Object>> source, String key) {
    return store.locked(() -> {
      if (source.remove(key) == null) {
        return notFound("No entity with that key");
      }
      return HttpResp.noContent();
    });
  }

  private JsonNode jsonBody(Req req) {
    try {
      return JsonBodies.object(req, json, true, false);
    } catch (JsonBodies.Invalid e) {
      throw new HttpError(error(e.status, e.getMessage()));
    }
  }

  HttpResp error(int status, String message) {
    return ODataResponses.error(status, message);
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
