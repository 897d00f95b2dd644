package io.github.calmsdk.features.internal;

import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.core.internal.Urls;
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
import io.github.calmsdk.features.TaskAssignment;
import io.github.calmsdk.features.Transport;
import io.github.calmsdk.features.TransportReference;
import io.github.calmsdk.features.UrlReference;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@link FeaturesClient}: checks the input, then delegates the calls to {@link FeaturesApi}. Thread-safe: its
 * only mutable state is in the code-list caches.
 */
public final class DefaultFeaturesClient implements FeaturesClient {
  private static final String UUID_HINT = "pass the feature's uuid";

  private final FeaturesOptions options;
  private final FeaturesApi api;
  private final Queries queries;
  private final UpdateFlow updates;
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
    this.options = options;
    this.api = new FeaturesApi(context, Urls.apiBase(apiBase) + stripSlash(options.servicePath()));
    this.queries = new Queries(options.projectIdMode());
    this.updates = new UpdateFlow(api, context.listener());
    this.statuses =
        new CodeListCache<>(
            "/FeatureStatus",
            () -> api.readAll(FeaturesApi.STATUSES, FeatureStatus.class),
            context.clock(),
            options.codeListCacheTtl());
    this.priorities =
        new CodeListCache<>(
            "/FeaturePriorities",
            () -> api.readAll(FeaturesApi.PRIORITIES, FeaturePriority.class),
            context.clock(),
            options.codeListCacheTtl());
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
    return api.serviceRoot();
  }

  @Override
  public FeaturesOptions options() {
    return options;
  }

  // ---------------------------------------------------------------- features

  @Override
  public PagedIterable<Feature> list(FeatureQuery query) {
    require("query", query, "pass FeatureQuery.all() to list every feature");
    List<String> conditions = queries.conditions(query);
    String projectParam = queries.projectParameter(query.projectId());
    return Pager.windowed(
        (skip, top) ->
            api.uri(
                "/Features"
                    + Queries.of(
                        projectParam, conditions, query.select(), query.expand(), query.orderBy(), false, top, skip)),
        u -> api.page(FeaturesApi.LIST, u, Feature.class),
        api.serviceRoot(),
        query.skip(),
        query.top(),
        pageSize(query.pageSize()));
  }

  @Override
  public long count(FeatureQuery query) {
    require("query", query, "pass FeatureQuery.all() to count every feature");
    String q =
        Queries.of(
            queries.projectParameter(query.projectId()),
            queries.conditions(query),
            List.of(),
            List.of(),
            List.of(),
            true,
            0,
            0);
    return api.count(api.uri("/Features" + q));
  }

  @Override
  public Optional<Feature> get(String uuid) {
    Checks.nonBlank("uuid", uuid, UUID_HINT);
    return api.feature(uuid, "");
  }

  @Override
  public Optional<Feature> get(String uuid, List<String> expand) {
    Checks.nonBlank("uuid", uuid, UUID_HINT);
    require("expand", expand, "pass the navigation properties, or List.of() for none");
    return api.feature(uuid, Queries.entity(OData.expand(expand)));
  }

  @Override
  public Optional<Feature> getByDisplayId(String displayId) {
    return findByDisplayId(null, displayId);
  }

  @Override
  public Optional<Feature> getByDisplayId(String projectId, String displayId) {
    Checks.nonBlank("projectId", projectId, "pass the project's id, or call getByDisplayId(displayId)");
    return findByDisplayId(projectId, displayId);
  }

  private Optional<Feature> findByDisplayId(String projectId, String displayId) {
    Checks.nonBlank("displayId", displayId, "pass the display id, such as \"6-123\"");
    String q =
        Queries.of(
            queries.projectParameter(projectId),
            queries.displayId(projectId, displayId),
            List.of(),
            List.of(),
            List.of(),
            false,
            1,
            0);
    return api.page(FeaturesApi.FIND_BY_DISPLAY_ID, api.uri("/Features" + q), Feature.class).value().stream()
        .filter(Objects::nonNull)
        .findFirst();
  }

  @Override
  public Feature create(NewFeature feature) {
    require("feature", feature, "pass NewFeature.builder(title, projectId)...build()");
    if (feature.statusCode() != null) {
      checkStatus(feature.statusCode());
    }
    return api.create(Mapping.body(feature));
  }

  @Override
  public Feature update(String uuid, FeatureUpdate update) {
    Checks.nonBlank("uuid", uuid, UUID_HINT);
    require("update", update, "pass FeatureUpdate.builder()...build()");
    update.statusCode().ifPresent(this::checkStatus);
    return updates.run(uuid, update.changes());
  }

  @Override
  public Feature setStatus(String uuid, String statusCode) {
    Checks.nonBlank("uuid", uuid, UUID_HINT);
    Checks.nonBlank("statusCode", statusCode, "pass a code from statuses()");
    return update(uuid, FeatureUpdate.builder().statusCode(statusCode).build());
  }

  @Override
  public boolean delete(String uuid) {
    Checks.nonBlank("uuid", uuid, UUID_HINT);
    return api.deleteFeature(uuid);
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
    return entities(FeaturesApi.TRANSPORTS, query, Transport.class);
  }

  @Override
  public PagedIterable<TransportReference> transportReferences(EntityQuery query) {
    return entities(FeaturesApi.TRANSPORT_REFERENCES, query, TransportReference.class);
  }

  @Override
  public Optional<Feature> parentOfTransport(String transportId) {
    Checks.nonBlank("transportId", transportId, "pass the transport request number, such as \"S4DK900123\"");
    return api.parentOfTransport(transportId);
  }

  @Override
  public PagedIterable<TaskAssignment> taskAssignments(EntityQuery query) {
    return entities(FeaturesApi.TASK_ASSIGNMENTS, query, TaskAssignment.class);
  }

  @Override
  public PagedIterable<TaskAssignment> taskAssignmentsOf(String featureUuid) {
    Checks.nonBlank("featureUuid", featureUuid, UUID_HINT);
    return taskAssignments(EntityQuery.builder().where("parentUuid", featureUuid).build());
  }

  // ---------------------------------------------------------------- references

  @Override
  public PagedIterable<ExternalReference> externalReferences(EntityQuery query) {
    return entities(FeaturesApi.EXTERNAL_REFERENCES, query, ExternalReference.class);
  }

  @Override
  public PagedIterable<ExternalReference> externalReferencesOf(String featureUuid) {
    Checks.nonBlank("featureUuid", featureUuid, UUID_HINT);
    return externalReferences(EntityQuery.builder().where("parentUuid", featureUuid).build());
  }

  @Override
  public ExternalReference createExternalReference(NewExternalReference reference) {
    require("reference", reference, "pass NewExternalReference.builder()...build()");
    return api.createExternalReference(Mapping.body(reference));
  }

  @Override
  public boolean deleteExternalReference(String id, String parentUuid) {
    Checks.nonBlank("id", id, "pass the reference's id");
    Checks.nonBlank("parentUuid", parentUuid, "pass the uuid of the feature the reference belongs to");
    return api.deleteExternalReference(id, parentUuid);
  }

  @Override
  public PagedIterable<UrlReference> urlReferences(EntityQuery query) {
    return entities(FeaturesApi.URL_REFERENCES, query, UrlReference.class);
  }

  @Override
  public UrlReference createUrlReference(NewUrlReference reference) {
    require("reference", reference, "pass NewUrlReference.builder()...build()");
    return api.createUrlReference(Mapping.body(reference));
  }

  @Override
  public boolean deleteUrlReference(String uuid) {
    Checks.nonBlank("uuid", uuid, "pass the reference's uuid");
    return api.deleteUrlReference(uuid);
  }

  // ---------------------------------------------------------------- plumbing

  private <T> PagedIterable<T> entities(FeaturesApi.Call call, EntityQuery query, Class<T> type) {
    require("query", query, "pass EntityQuery.all() to list everything");
    List<String> conditions = Queries.conditions(query);
    return Pager.windowed(
        (skip, top) ->
            api.uri(
                call.urlTemplate()
                    + Queries.of(null, conditions, query.select(), List.of(), query.orderBy(), false, top, skip)),
        u -> api.page(call, u, type),
        api.serviceRoot(),
        query.skip(),
        query.top(),
        pageSize(query.pageSize()));
  }

  /** A missing argument, told apart from a blank one as {@link Checks#nonBlank} does: "is missing; {hint}". */
  private static void require(String field, Object value, String hint) {
    if (value == null) {
      throw new CalmValidationException(field, "is missing; " + hint);
    }
  }

  private int pageSize(Integer perQuery) {
    return perQuery != null ? perQuery : options.pageSize();
  }

  @Override
  public String toString() {
    return "FeaturesClient[" + api.serviceRoot() + ", " + options.projectIdMode() + "]";
  }
}
