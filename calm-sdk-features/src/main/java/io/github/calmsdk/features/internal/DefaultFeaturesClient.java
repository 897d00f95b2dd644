package io.github.calmsdk.features.internal;

import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.json.JsonCodec;
import io.github.calmsdk.features.EntityQuery;
import io.github.calmsdk.features.ExternalReference;
import io.github.calmsdk.features.Feature;
import io.github.calmsdk.features.FeaturePriority;
import io.github.calmsdk.features.FeatureQuery;
import io.github.calmsdk.features.FeatureStatus;
import io.github.calmsdk.features.FeatureUpdate;
import io.github.calmsdk.features.FeaturesClient;
import io.github.calmsdk.features.FeaturesOptions;
import io.github.calmsdk.features.NewExternalReference;
import io.github.calmsdk.features.NewFeature;
import io.github.calmsdk.features.NewUrlReference;
import io.github.calmsdk.features.PagedIterable;
import io.github.calmsdk.features.ProjectIdMode;
import io.github.calmsdk.features.Transport;
import io.github.calmsdk.features.TransportReference;
import io.github.calmsdk.features.UrlReference;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link FeaturesClient} on an {@link HttpPipeline}. Thread-safe: its only mutable state is in the caches. */
public final class DefaultFeaturesClient implements FeaturesClient {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultFeaturesClient.class);
  private static final String JSON = "application/json";
  private static final String FEATURES = "/Features";

  private final HttpPipeline pipeline;
  private final JsonCodec codec;
  private final FeaturesOptions options;
  private final String root;
  private final URI serviceRoot;
  private final CodeListCache<FeatureStatus> statuses;
  private final CodeListCache<FeaturePriority> priorities;

  /**
   * Creates the client.
   *
   * @param context the client's context
   * @param apiBase the API base URL
   * @param options the options
   * @throws CalmValidationException when an argument is missing or apiBase is not a usable base URL
   */
  public DefaultFeaturesClient(ClientContext context, URI apiBase, FeaturesOptions options) {
    if (context == null) {
      throw new CalmValidationException("context", "is missing; pass a ClientContext, e.g. ClientContext.defaults()");
    }
    if (options == null) {
      throw new CalmValidationException("options", "is missing; pass FeaturesOptions.defaults()");
    }
    this.pipeline = context.pipeline();
    this.codec = context.codec();
    this.options = options;
    this.root = stripSlash(checkBase(apiBase)) + stripSlash(options.servicePath());
    this.serviceRoot = URI.create(root);
    this.statuses =
        new CodeListCache<>(
            "/FeatureStatus",
            () -> readAll(uri("/FeatureStatus"), FeatureStatus.class),
            context.clock(),
            options.codeListCacheTtl());
    this.priorities =
        new CodeListCache<>(
            "/FeaturePriorities",
            () -> readAll(uri("/FeaturePriorities"), FeaturePriority.class),
            context.clock(),
            options.codeListCacheTtl());
  }

  private static String checkBase(URI apiBase) {
    if (apiBase == null) {
      throw new CalmValidationException(
          "apiBase", "is missing; pass endpoints.Api of the service key, such as https://eu10.alm.cloud.sap/api");
    }
    if (apiBase.getRawUserInfo() != null) {
      throw new CalmValidationException(
          "apiBase",
          "must not carry user info (credentials belong in the service key, not the URL); pass endpoints.Api of"
              + " the service key, such as https://eu10.alm.cloud.sap/api");
    }
    String scheme = apiBase.getScheme() == null ? "" : apiBase.getScheme().toLowerCase(Locale.ROOT);
    if (!apiBase.isAbsolute()
        || apiBase.getHost() == null
        || !(scheme.equals("https") || scheme.equals("http"))
        || apiBase.getRawQuery() != null
        || apiBase.getRawFragment() != null) {
      throw new CalmValidationException(
          "apiBase",
          "'" + apiBase + "' is not an absolute https URL without query or fragment; pass endpoints.Api of the"
              + " service key as it stands, such as https://eu10.alm.cloud.sap/api");
    }
    return apiBase.toString();
  }

  private static String stripSlash(String s) {
    String out = s;
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  @Override
  public URI serviceRoot() {
    return serviceRoot;
  }

  @Override
  public FeaturesOptions options() {
    return options;
  }

  // ---------------------------------------------------------------- features

  @Override
  public PagedIterable<Feature> list(FeatureQuery query) {
    require(query, "query", "pass FeatureQuery.all() to list every feature");
    List<String> conditions = featureConditions(query);
    String projectParam = projectParameter(query.projectId());
    int pageSize = query.pageSize() != null ? query.pageSize() : options.pageSize();
    return Pager.windowed(
        (skip, top) ->
            uri(FEATURES + queryString(projectParam, conditions, query.select(), query.orderBy(), false, top, skip)),
        u -> page(u, Feature.class),
        serviceRoot,
        query.skip(),
        query.top(),
        pageSize);
  }

  @Override
  public long count(FeatureQuery query) {
    require(query, "query", "pass FeatureQuery.all() to count every feature");
    URI u =
        uri(
            FEATURES
                + queryString(
                    projectParameter(query.projectId()), featureConditions(query), List.of(), List.of(), true, 0, 0));
    CalmResponse r = get(u);
    ODataCount c = r.decode(codec, ODataCount.class);
    if (c.count() == null) {
      throw decodingFailure(r, "the answer to $count=true has no @odata.count");
    }
    return c.count();
  }

  @Override
  public Optional<Feature> get(String uuid) {
    Checks.nonBlank(uuid, "uuid", "pass the feature's uuid");
    try {
      return Optional.of(get(uri(FEATURES + segment(uuid))).decode(codec, Feature.class));
    } catch (CalmNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<Feature> getByDisplayId(String displayId) {
    return findByDisplayId(null, displayId);
  }

  @Override
  public Optional<Feature> getByDisplayId(String projectId, String displayId) {
    Checks.nonBlank(projectId, "projectId", "pass the project's id, or call getByDisplayId(displayId)");
    return findByDisplayId(projectId, displayId);
  }

  private Optional<Feature> findByDisplayId(String projectId, String displayId) {
    Checks.nonBlank(displayId, "displayId", "pass the display id, such as \"6-123\"");
    List<String> conditions = new ArrayList<>();
    if (projectId != null && options.projectIdMode() == ProjectIdMode.FILTER) {
      conditions.add("projectId eq " + OData.literal(projectId));
    }
    conditions.add("displayId eq " + OData.literal(displayId));
    URI u = uri(FEATURES + queryString(projectParameter(projectId), conditions, List.of(), List.of(), false, 1, 0));
    List<Feature> found = page(u, Feature.class).value();
    return found.stream().filter(Objects::nonNull).findFirst();
  }

  @Override
  public Feature create(NewFeature feature) {
    require(feature, "feature", "pass NewFeature.builder(title, projectId)...build()");
    if (feature.statusCode() != null) {
      checkStatus(feature.statusCode());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", feature.title());
    body.put("projectId", feature.projectId());
    putIfSet(body, "description", feature.description());
    putIfSet(body, "priorityCode", feature.priorityCode());
    putIfSet(body, "statusCode", feature.statusCode());
    putIfSet(body, "releaseId", feature.releaseId());
    putIfSet(body, "scopeId", feature.scopeId());
    return created(post(uri(FEATURES), body), Feature.class, "feature");
  }

  @Override
  public Optional<Feature> update(String uuid, FeatureUpdate update) {
    Checks.nonBlank(uuid, "uuid", "pass the feature's uuid");
    require(update, "update", "pass FeatureUpdate.builder()...build()");
    update.statusCode().ifPresent(this::checkStatus);
    CalmResponse r =
        pipeline.send(
            CalmRequest.patch(uri(FEATURES + segment(uuid)))
                .header("Accept", JSON)
                .jsonBody(JsonBody.object(update.changes()))
                .safeToRepeat(false)
                .build());
    if (r.status() == 204 || isBlank(r.body())) {
      return Optional.empty();
    }
    try {
      return Optional.of(r.decode(codec, Feature.class));
    } catch (CalmDecodingException e) {
      LOG.warn(
          "PATCH of feature {} was applied (HTTP {}) but its answer is not a readable feature: {}",
          uuid,
          r.status(),
          e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public Optional<Feature> setStatus(String uuid, String statusCode) {
    Checks.nonBlank(uuid, "uuid", "pass the feature's uuid");
    Checks.nonBlank(statusCode, "statusCode", "pass a code from statuses()");
    return update(uuid, FeatureUpdate.builder().statusCode(statusCode).build());
  }

  @Override
  public boolean delete(String uuid) {
    Checks.nonBlank(uuid, "uuid", "pass the feature's uuid");
    return deleteAt(uri(FEATURES + segment(uuid)));
  }

  // ---------------------------------------------------------------- code lists

  @Override
  public List<FeatureStatus> statuses() {
    return statuses.get();
  }

  @Override
  public List<FeatureStatus> refreshStatuses() {
    return statuses.refresh();
  }

  @Override
  public List<FeaturePriority> priorities() {
    return priorities.get();
  }

  @Override
  public List<FeaturePriority> refreshPriorities() {
    return priorities.refresh();
  }

  private void checkStatus(String statusCode) {
    if (!options.validateStatusCodes()) {
      return;
    }
    List<FeatureStatus> valid = statuses();
    if (valid.stream().anyMatch(s -> statusCode.equals(s.code()))) {
      return;
    }
    String list =
        valid.isEmpty()
            ? "the tenant's /FeatureStatus list is empty"
            : "valid codes: "
                + valid.stream()
                    .map(s -> s.name() == null ? s.code() : s.code() + " (" + s.name() + ")")
                    .collect(Collectors.joining(", "));
    throw new CalmValidationException(
        "statusCode",
        "'"
            + statusCode
            + "' is not a status of this tenant; "
            + list
            + ". Pass one of them, or call refreshStatuses() if the list has changed");
  }

  // ---------------------------------------------------------------- transports

  @Override
  public PagedIterable<Transport> transports(EntityQuery query) {
    return entities("/Transports", query, Transport.class);
  }

  @Override
  public PagedIterable<TransportReference> transportReferences(EntityQuery query) {
    return entities("/TransportReferences", query, TransportReference.class);
  }

  @Override
  public Optional<Feature> parentOfTransport(String transportId) {
    Checks.nonBlank(transportId, "transportId", "pass the transport request number, such as \"S4DK900123\"");
    try {
      CalmResponse r = get(uri("/Transports" + segment(transportId) + "/parent"));
      if (r.status() == 204 || isBlank(r.body())) {
        return Optional.empty();
      }
      return Optional.of(r.decode(codec, Feature.class));
    } catch (CalmNotFoundException e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- references

  @Override
  public PagedIterable<ExternalReference> externalReferences(EntityQuery query) {
    return entities("/ExternalReferences", query, ExternalReference.class);
  }

  @Override
  public PagedIterable<ExternalReference> externalReferencesOf(String featureUuid) {
    Checks.nonBlank(featureUuid, "featureUuid", "pass the feature's uuid");
    return externalReferences(EntityQuery.builder().where("parentUuid", featureUuid).build());
  }

  @Override
  public ExternalReference createExternalReference(NewExternalReference reference) {
    require(reference, "reference", "pass NewExternalReference.builder()...build()");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", reference.id());
    body.put("parentUuid", reference.parentUuid());
    body.put("name", reference.name());
    putIfSet(body, "url", reference.url());
    body.putAll(reference.extra());
    return created(post(uri("/ExternalReferences"), body), ExternalReference.class, "external reference");
  }

  @Override
  public boolean deleteExternalReference(String id, String parentUuid) {
    Checks.nonBlank(id, "id", "pass the reference's id");
    Checks.nonBlank(parentUuid, "parentUuid", "pass the uuid of the feature the reference belongs to");
    return deleteAt(uri("/ExternalReferences" + segment(id) + segment(parentUuid)));
  }

  @Override
  public PagedIterable<UrlReference> urlReferences(EntityQuery query) {
    return entities("/URLReferences", query, UrlReference.class);
  }

  @Override
  public UrlReference createUrlReference(NewUrlReference reference) {
    require(reference, "reference", "pass NewUrlReference.builder()...build()");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("parentUuid", reference.parentUuid());
    putIfSet(body, "name", reference.name());
    body.put("url", reference.url());
    body.putAll(reference.extra());
    return created(post(uri("/URLReferences"), body), UrlReference.class, "URL reference");
  }

  @Override
  public boolean deleteUrlReference(String uuid) {
    Checks.nonBlank(uuid, "uuid", "pass the reference's uuid");
    return deleteAt(uri("/URLReferences" + segment(uuid)));
  }

  // ---------------------------------------------------------------- plumbing

  private <T> PagedIterable<T> entities(String set, EntityQuery query, Class<T> type) {
    require(query, "query", "pass EntityQuery.all() to list everything");
    List<String> conditions = new ArrayList<>();
    query.where().forEach((k, v) -> conditions.add(k + " eq " + OData.literal(v)));
    if (query.filter() != null) {
      conditions.add("(" + query.filter() + ")");
    }
    int pageSize = query.pageSize() != null ? query.pageSize() : options.pageSize();
    return Pager.windowed(
        (skip, top) -> uri(set + queryString(null, conditions, query.select(), query.orderBy(), false, top, skip)),
        u -> page(u, type),
        serviceRoot,
        query.skip(),
        query.top(),
        pageSize);
  }

  private List<String> featureConditions(FeatureQuery q) {
    List<String> c = new ArrayList<>();
    if (q.projectId() != null && options.projectIdMode() == ProjectIdMode.FILTER) {
      c.add("projectId eq " + OData.literal(q.projectId()));
    }
    if (q.statusCodes().size() == 1) {
      c.add("statusCode eq " + OData.literal(q.statusCodes().get(0)));
    } else if (q.statusCodes().size() > 1) {
      c.add(
          q.statusCodes().stream()
              .map(s -> "statusCode eq " + OData.literal(s))
              .collect(Collectors.joining(" or ", "(", ")")));
    }
    if (q.releaseId() != null) {
      c.add("releaseId eq " + OData.literal(q.releaseId()));
    }
    if (q.priorityCode() != null) {
      String p = q.priorityCode();
      c.add("priorityCode eq " + (p.matches("[0-9]{1,9}") ? p : OData.literal(p)));
    }
    if (q.responsibleId() != null) {
      c.add("responsibleId eq " + OData.literal(q.responsibleId()));
    }
    if (q.title() != null) {
      c.add("title eq " + OData.literal(q.title()));
    }
    if (q.titleContains() != null) {
      c.add("contains(title," + OData.literal(q.titleContains()) + ")");
    }
    if (q.modifiedAfter() != null) {
      c.add("modifiedAt gt " + OData.literal(q.modifiedAfter()));
    }
    if (q.filter() != null) {
      c.add("(" + q.filter() + ")");
    }
    return c;
  }

  private String projectParameter(String projectId) {
    return projectId != null && options.projectIdMode() == ProjectIdMode.QUERY_PARAMETER ? projectId : null;
  }

  /**
   * The query string, parameters in a fixed order: projectId, $filter, $select, $orderby, $count, $top, $skip
   * (left out when 0).
   */
  private static String queryString(
      String projectId,
      List<String> conditions,
      List<String> select,
      List<String> orderBy,
      boolean count,
      int top,
      int skip) {
    List<String> params = new ArrayList<>();
    if (projectId != null) {
      params.add("projectId=" + OData.encode(projectId));
    }
    if (!conditions.isEmpty()) {
      params.add("$filter=" + OData.encode(String.join(" and ", conditions)));
    }
    if (!select.isEmpty()) {
      params.add("$select=" + OData.encode(String.join(",", select)));
    }
    if (!orderBy.isEmpty()) {
      params.add("$orderby=" + OData.encode(String.join(",", orderBy)));
    }
    if (count) {
      params.add("$count=true");
    }
    params.add("$top=" + top);
    if (skip > 0) {
      params.add("$skip=" + skip);
    }
    return "?" + String.join("&", params);
  }

  private URI uri(String pathAndQuery) {
    return URI.create(root + pathAndQuery);
  }

  private static String segment(String key) {
    return "/" + OData.encode(key);
  }

  private CalmResponse get(URI uri) {
    return pipeline.send(CalmRequest.get(uri).header("Accept", JSON).safeToRepeat(true).build());
  }

  private CalmResponse post(URI uri, Map<String, Object> body) {
    return pipeline.send(
        CalmRequest.post(uri)
            .header("Accept", JSON)
            .jsonBody(JsonBody.object(body))
            .safeToRepeat(false)
            .build());
  }

  private boolean deleteAt(URI uri) {
    try {
      pipeline.send(CalmRequest.delete(uri).header("Accept", JSON).safeToRepeat(true).build());
      return true;
    } catch (CalmNotFoundException e) {
      // A 404 after an earlier attempt: that attempt may have deleted it, so the call did its work.
      return e.attempts() > 1;
    }
  }

  private <T> ODataCollection<T> page(URI uri, Class<T> type) {
    CalmResponse r = get(uri);
    ODataCollection<T> c = r.decode(codec, ODataCollection.of(type));
    if (c.value() == null) {
      throw decodingFailure(r, "the answer is not an OData collection: it has no \"value\" array");
    }
    return c;
  }

  private <T> List<T> readAll(URI first, Class<T> type) {
    List<T> all = new ArrayList<>();
    Pager.serverDriven(first, u -> page(u, type), serviceRoot).forEach(all::add);
    return all;
  }

  private <T> T created(CalmResponse r, Class<T> type, String what) {
    if (isBlank(r.body())) {
      String where = r.header("Location").or(() -> r.header("OData-EntityId")).map(l -> " (" + l + ")").orElse("");
      throw decodingFailure(
          r,
          "the " + what + " was created (HTTP " + r.status() + ")" + where
              + " but the answer holds no body to return it from; do not create it again, read it instead");
    }
    return r.decode(codec, type);
  }

  private static CalmDecodingException decodingFailure(CalmResponse r, String problem) {
    ErrorDetails d =
        new ErrorDetails(
            r.status(),
            null,
            null,
            List.of(),
            r.requestId(),
            r.request().method(),
            r.request().uri().getRawPath(),
            r.attempts(),
            null);
    return new CalmDecodingException(problem, d, null);
  }

  private static void putIfSet(Map<String, Object> body, String name, String value) {
    if (value != null) {
      body.put(name, value);
    }
  }

  private static void require(Object value, String field, String hint) {
    if (value == null) {
      throw new CalmValidationException(field, "is missing; " + hint);
    }
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "FeaturesClient[" + serviceRoot + ", " + options.projectIdMode() + "]";
  }
}
