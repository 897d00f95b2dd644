package io.github.calmsdk.features;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmInvalidRequestException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.features.internal.DefaultFeaturesClient;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The Cloud ALM Features API (OData v4 at {@code {endpoints.Api}/calm-features/v1}): features, their status and
 * priority code lists, transports, and the references attached to features. Thread-safe; create one per client context
 * and share it.
 *
 * <p>Every call checks its input before sending anything and throws {@link CalmValidationException} naming the
 * field. Server answers map to core's exceptions: 400 to {@link CalmInvalidRequestException} with the OData error's
 * code and message, 401 and 403 to {@link CalmAuthException} (403 usually means the service key lacks the
 * {@code calm-api.features.read} or {@code .write} scope), 404 to an empty {@link Optional} where a method returns
 * one and to {@link CalmNotFoundException} elsewhere. Reads are retried by the pipeline's policy; creates and
 * updates change state and are resent by the pipeline only after an answer that proves they were not processed
 * (no connection, 429). An update whose outcome is unknown is settled by reading the feature (see {@link
 * #update(String, FeatureUpdate)}); a create whose outcome is unknown fails with {@link
 * CalmAmbiguousOutcomeException}: look for the feature before creating it again.
 *
 * <pre>{@code
 * URI api = URI.create("https://eu10.alm.cloud.sap/api"); // endpoints.Api of the service key
 * FeaturesClient features = FeaturesClient.create(clientContext, api, FeaturesOptions.defaults());
 * Feature f = features.create(NewFeature.of("Payment run: new bank format", projectId));
 * String inTesting = features.statuses().stream()
 *     .filter(s -> s.name().equals("In Testing")).map(FeatureStatus::code).findFirst().orElseThrow();
 * Feature inTest = features.setStatus(f.uuid(), inTesting); // the feature after the change
 * Optional<Feature> owner = features.parentOfTransport("S4DK900123");
 * }</pre>
 */
public interface FeaturesClient {

  /**
   * Creates a client.
   *
   * @param context the client's context: its pipeline sends the calls (with authorization, retries, logging), its
   *     codec and clock are used
   * @param apiBase the API base URL, {@code endpoints.Api} of the service key as it stands, such as {@code
   *     https://eu10.alm.cloud.sap/api}; the service path of the options is appended
   * @param options the options
   * @return the client
   * @throws CalmValidationException when apiBase is not an absolute http(s) URL without query and fragment
   */
  static FeaturesClient create(ClientContext context, URI apiBase, FeaturesOptions options) {
    return new DefaultFeaturesClient(context, apiBase, options);
  }

  /**
   * Creates a client with the default options.
   *
   * @param context the client's context
   * @param apiBase the API base URL, {@code endpoints.Api} of the service key
   * @return the client
   * @throws CalmValidationException when apiBase is not an absolute http(s) URL without query and fragment
   */
  static FeaturesClient create(ClientContext context, URI apiBase) {
    return create(context, apiBase, FeaturesOptions.defaults());
  }

  /**
   * The service root every call is sent below, such as {@code https://eu10.alm.cloud.sap/api/calm-features/v1}.
   *
   * @return the service root
   */
  URI serviceRoot();

  /**
   * The options in force.
   *
   * @return the options
   */
  FeaturesOptions options();

  /**
   * Lists features ({@code GET /Features}), page by page as the result is consumed. Nothing is sent before the
   * first element is asked for.
   *
   * @param query the filters and window; {@link FeatureQuery#all()} for everything
   * @return the lazy listing
   * @throws CalmValidationException when query is null
   */
  PagedIterable<Feature> list(FeatureQuery query);

  /**
   * Counts the features that match a query's filters, in one call ({@code $count=true&$top=0}); the query's {@code
   * select}, {@code orderBy}, {@code top} and {@code skip} are ignored.
   *
   * @param query the filters
   * @return the number of matching features
   * @throws CalmValidationException when query is null
   * @throws CalmException when the call fails, or the answer has no {@code @odata.count}
   */
  long count(FeatureQuery query);

  /**
   * Reads a feature by its uuid ({@code GET /Features/{uuid}}).
   *
   * @param uuid the feature's uuid
   * @return the feature, or empty when the server answers 404
   * @throws CalmValidationException when uuid is blank
   * @throws CalmException when the call fails otherwise
   */
  Optional<Feature> get(String uuid);

  /**
   * Reads a feature by its uuid with navigation properties expanded ({@code GET /Features/{uuid}?$expand=...}); the
   * expanded values arrive in {@link Feature#other()} under their names. Which names a tenant accepts is not
   * published by SAP: see {@link FeatureQuery.Builder#expand(String...)}.
   *
   * <pre>{@code
   * Feature f = features.get(uuid, List.of("toStatus", "toTransports")).orElseThrow();
   * Object transports = f.other().get("toTransports");
   * }</pre>
   *
   * @param uuid the feature's uuid
   * @param expand navigation properties such as {@code toStatus}; empty for none
   * @return the feature, or empty when the server answers 404
   * @throws CalmValidationException when uuid is blank or a name is not a plain property name
   * @throws CalmException when the call fails otherwise
   */
  Optional<Feature> get(String uuid, List<String> expand);

  /**
   * Finds a feature by its display id ({@code $filter=displayId eq '6-123'&$top=1}). Display ids are unique within a
   * project; on tenants that require a project for {@code /Features}, use {@link #getByDisplayId(String, String)}.
   *
   * @param displayId the display id, such as {@code 6-123}
   * @return the first matching feature, or empty
   * @throws CalmValidationException when displayId is blank
   * @throws CalmException when the call fails
   */
  Optional<Feature> getByDisplayId(String displayId);

  /**
   * Finds a feature by its display id within a project; the project is sent as {@link
   * FeaturesOptions#projectIdMode()} says.
   *
   * @param projectId the project's id
   * @param displayId the display id, such as {@code 6-123}
   * @return the matching feature, or empty
   * @throws CalmValidationException when projectId or displayId is blank
   * @throws CalmException when the call fails
   */
  Optional<Feature> getByDisplayId(String projectId, String displayId);

  /**
   * Creates a feature ({@code POST /Features}). A {@code statusCode} in it is first checked against {@link
   * #statuses()} (unless {@link FeaturesOptions#validateStatusCodes()} is off).
   *
   * @param feature the feature
   * @return the feature as the server created it
   * @throws CalmValidationException when feature is null or its status code is not in {@link #statuses()}
   * @throws CalmAmbiguousOutcomeException when the request was sent but its outcome is unknown (a 5xx, a timeout,
   *     a connection lost after sending). It is not settled by reading, because a feature has no field the caller
   *     sets that identifies it (uuid and displayId are assigned by the server; titles need not be unique): look
   *     for it yourself, e.g. {@code list(FeatureQuery.builder().projectId(p).title(t).modifiedAfter(sentAt))},
   *     before creating it again
   * @throws CalmException when the call fails otherwise, or the answer holds no feature
   */
  Feature create(NewFeature feature);

  /**
   * Changes a feature ({@code PATCH /Features/{uuid}}), sending only the fields in the update, and returns the
   * feature as it now stands. A status change is first checked against {@link #statuses()} (unless {@link
   * FeaturesOptions#validateStatusCodes()} is off); Cloud ALM answers a status switch it does not permit with 400
   * ({@link CalmInvalidRequestException}).
   *
   * <p>Cloud ALM answers a PATCH with 200 and the feature, or with 204 and no body. After a 204 (or a body that is
   * not a readable feature) the feature is read back with one {@code GET /Features/{uuid}}, so the caller always
   * gets it, as a Stripe or AWS update returns the updated resource. With no ETag support, the read shows the
   * last write, which may be someone else's made in between.
   *
   * <p>When the outcome of the PATCH is unknown (500, 502, 503, 504, a timeout or a connection lost after sending:
   * the pipeline does not resend it blindly), it is settled by reading the feature once: if it shows every
   * requested value the update was applied and that feature is returned; if not, the PATCH was not applied (it
   * changes all its fields or none) and is sent once more; if the feature cannot be read, {@link
   * CalmAmbiguousOutcomeException} is thrown. Each settling is reported to the context's listener as an {@code
   * AmbiguousOutcome} of operation {@code features.update}.
   *
   * @param uuid the feature's uuid
   * @param update the changes
   * @return the feature after the change
   * @throws CalmValidationException when uuid is blank, update is null, or its status code is not in {@link
   *     #statuses()}
   * @throws CalmNotFoundException when no feature has that uuid
   * @throws CalmAmbiguousOutcomeException when the PATCH was sent, its outcome is unknown and the feature could not
   *     be read to settle it
   * @throws CalmException when the call fails otherwise; a failure of the read-back after a 204 is thrown as it is
   *     (its details name GET), although the change was applied
   */
  Feature update(String uuid, FeatureUpdate update);

  /**
   * Changes a feature's status ({@code PATCH /Features/{uuid}} with {@code {"statusCode":...}}), after checking the
   * code against {@link #statuses()}, and returns the feature as it now stands (see {@link #update(String,
   * FeatureUpdate)}: read back after a 204, settled by reading after an unknown outcome).
   *
   * <pre>{@code
   * Feature f = features.setStatus(uuid, inTesting);
   * assert f.statusCode().equals(inTesting);
   * }</pre>
   *
   * @param uuid the feature's uuid
   * @param statusCode a code from {@link #statuses()}
   * @return the feature after the change
   * @throws CalmValidationException when uuid or statusCode is blank, or the code is not in {@link #statuses()}
   *     (the message lists the valid codes)
   * @throws CalmInvalidRequestException when Cloud ALM does not permit the switch from the current status
   * @throws CalmNotFoundException when no feature has that uuid
   * @throws CalmException when the call fails otherwise
   */
  Feature setStatus(String uuid, String statusCode);

  /**
   * Deletes a feature ({@code DELETE /Features/{uuid}}). Community clients use this operation; SAP's operation
   * list for the Features API does not name it, so a tenant may refuse it.
   *
   * <p><b>Not in SAP's operation list</b> for the Features API (SAP documents DELETE only for references); it is
   * implemented by community clients.
   *
   * <p>DELETE is safe to repeat, so the pipeline retries it. A 404 counts as done only when an earlier attempt of
   * the same call may have been processed and its answer was lost: a timeout, a connection that broke after the
   * request was sent, or HTTP 500, 502 or 504. After a 401 resend, a 408, a 429, a 503 (Cloud ALM's throttling
   * answer) or a refused connection the server did not act, so a 404 then means there was nothing to delete.
   *
   * @param uuid the feature's uuid
   * @return true when the feature was deleted (or an earlier attempt of this call may have deleted it); false
   *     when the server answered 404 and no earlier attempt can have deleted it
   * @throws CalmValidationException when uuid is blank
   * @throws CalmException when the call fails otherwise
   */
  boolean delete(String uuid);

  /**
   * The tenant's feature status list ({@code GET /FeatureStatus}), read once and cached for {@link
   * FeaturesOptions#codeListCacheTtl()}. If reading it again after that time fails, the older list is returned and
   * a warning logged.
   *
   * @return the statuses, in the server's order
   * @throws CalmException when the list was never read and cannot be read now
   */
  List<FeatureStatus> statuses();

  /**
   * Reads the status list again now and caches it.
   *
   * @return the statuses
   * @throws CalmException when the call fails
   */
  List<FeatureStatus> refreshStatuses();

  /**
   * The tenant's feature priority list ({@code GET /FeaturePriorities}), cached as {@link #statuses()}.
   *
   * @return the priorities, in the server's order
   * @throws CalmException when the list was never read and cannot be read now
   */
  List<FeaturePriority> priorities();

  /**
   * Reads the priority list again now and caches it.
   *
   * @return the priorities
   * @throws CalmException when the call fails
   */
  List<FeaturePriority> refreshPriorities();

  /**
   * Lists the transports Cloud ALM knows ({@code GET /Transports}), page by page as consumed.
   *
   * @param query conditions and window; the property names are your tenant's (see {@link Transport})
   * @return the lazy listing
   * @throws CalmValidationException when query is null
   */
  PagedIterable<Transport> transports(EntityQuery query);

  /**
   * Lists manual transport references ({@code GET /TransportReferences}), page by page as consumed.
   *
   * @param query conditions and window
   * @return the lazy listing
   * @throws CalmValidationException when query is null
   */
  PagedIterable<TransportReference> transportReferences(EntityQuery query);

  /**
   * The feature a transport request is assigned to ({@code GET /Transports/{transportId}/parent}).
   *
   * <p><b>Not in SAP's operation list</b> for the Features API (which names only {@code GET /Transports}); a
   * community client calls it against live tenants, so a tenant may refuse it.
   *
   * @param transportId the transport request number, such as {@code S4DK900123}
   * @return the feature, or empty when the transport is unknown or assigned to none (HTTP 404 or 204)
   * @throws CalmValidationException when transportId is blank
   * @throws CalmException when the call fails otherwise
   */
  Optional<Feature> parentOfTransport(String transportId);

  /**
   * Lists the tasks, user stories, defects and requirements assigned to features ({@code GET /TaskAssignments},
   * read-only), page by page as consumed. The entity's fields are not public: see {@link TaskAssignment}.
   *
   * @param query conditions and window; the property names are your tenant's
   * @return the lazy listing
   * @throws CalmValidationException when query is null
   */
  PagedIterable<TaskAssignment> taskAssignments(EntityQuery query);

  /**
   * Lists the task assignments of one feature ({@code $filter=parentUuid eq '...'}). {@code parentUuid} is the name
   * the Features API gives the parent of its sub-entities; SAP does not confirm it for this set: if your tenant names
   * it differently, use {@link #taskAssignments(EntityQuery)} with your tenant's name.
   *
   * @param featureUuid the feature's uuid
   * @return the lazy listing
   * @throws CalmValidationException when featureUuid is blank
   */
  PagedIterable<TaskAssignment> taskAssignmentsOf(String featureUuid);

  /**
   * Lists external references ({@code GET /ExternalReferences}), page by page as consumed.
   *
   * @param query conditions and window
   * @return the lazy listing
   * @throws CalmValidationException when query is null
   */
  PagedIterable<ExternalReference> externalReferences(EntityQuery query);

  /**
   * Lists the external references of one feature ({@code $filter=parentUuid eq '...'}).
   *
   * @param featureUuid the feature's uuid
   * @return the lazy listing
   * @throws CalmValidationException when featureUuid is blank
   */
  PagedIterable<ExternalReference> externalReferencesOf(String featureUuid);

  /**
   * Creates an external reference ({@code POST /ExternalReferences}).
   *
   * @param reference the reference
   * @return the reference as the server created it
   * @throws CalmValidationException when reference is null
   * @throws CalmAmbiguousOutcomeException when the request was sent but its outcome is unknown
   * @throws CalmException when the call fails otherwise
   */
  ExternalReference createExternalReference(NewExternalReference reference);

  /**
   * Deletes an external reference ({@code DELETE /ExternalReferences/{id}/{parentUuid}}, each key percent-encoded
   * as a path segment). A 404 is handled as in {@link #delete(String)}.
   *
   * @param id the reference's id
   * @param parentUuid the feature's uuid
   * @return true when deleted, false when the server answered 404 and no earlier attempt can have deleted it
   * @throws CalmValidationException when id or parentUuid is blank
   * @throws CalmException when the call fails otherwise
   */
  boolean deleteExternalReference(String id, String parentUuid);

  /**
   * Lists URL references ({@code GET /URLReferences}), page by page as consumed.
   *
   * @param query conditions and window
   * @return the lazy listing
   * @throws CalmValidationException when query is null
   */
  PagedIterable<UrlReference> urlReferences(EntityQuery query);

  /**
   * Creates a URL reference ({@code POST /URLReferences}).
   *
   * @param reference the reference
   * @return the reference as the server created it
   * @throws CalmValidationException when reference is null
   * @throws CalmAmbiguousOutcomeException when the request was sent but its outcome is unknown
   * @throws CalmException when the call fails otherwise
   */
  UrlReference createUrlReference(NewUrlReference reference);

  /**
   * Deletes a URL reference ({@code DELETE /URLReferences/{uuid}}). A 404 is handled as in {@link
   * #delete(String)}.
   *
   * @param uuid the reference's uuid
   * @return true when deleted, false when the server answered 404 and no earlier attempt can have deleted it
   * @throws CalmValidationException when uuid is blank
   * @throws CalmException when the call fails otherwise
   */
  boolean deleteUrlReference(String uuid);
}
