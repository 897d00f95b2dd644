package io.github.calmsdk.features.internal;

import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.json.JsonCodec;
import io.github.calmsdk.features.ExternalReference;
import io.github.calmsdk.features.Feature;
import io.github.calmsdk.features.UrlReference;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of the Features API, one method each: builds the request (named by its operation and URL template,
 * relative to the service root), sends it through the pipeline and decodes the answer. No flow logic and no input
 * checks; {@link DefaultFeaturesClient} does those.
 */
final class FeaturesApi {
  private static final Logger LOG = LoggerFactory.getLogger(FeaturesApi.class);
  private static final String JSON = "application/json";

  /** An operation name and the URL template it is reported under. */
  record Call(String operation, String urlTemplate) {}

  static final Call LIST = new Call("features.list", "/Features");
  static final Call COUNT = new Call("features.count", "/Features");
  static final Call FIND_BY_DISPLAY_ID = new Call("features.findByDisplayId", "/Features");
  static final Call GET = new Call("features.get", "/Features/{uuid}");
  static final Call CREATE = new Call("features.create", "/Features");
  static final Call UPDATE = new Call("features.update", "/Features/{uuid}");
  static final Call DELETE = new Call("features.delete", "/Features/{uuid}");
  static final Call STATUSES = new Call("features.statuses", "/FeatureStatus");
  static final Call PRIORITIES = new Call("features.priorities", "/FeaturePriorities");
  static final Call TRANSPORTS = new Call("features.transports", "/Transports");
  static final Call TRANSPORT_PARENT = new Call("features.transportParent", "/Transports/{transportId}/parent");
  static final Call TRANSPORT_REFERENCES = new Call("features.transportReferences", "/TransportReferences");
  static final Call TASK_ASSIGNMENTS = new Call("features.taskAssignments", "/TaskAssignments");
  static final Call EXTERNAL_REFERENCES = new Call("features.externalReferences", "/ExternalReferences");
  static final Call CREATE_EXTERNAL_REFERENCE = new Call("features.externalReferences.create", "/ExternalReferences");
  static final Call DELETE_EXTERNAL_REFERENCE =
      new Call("features.externalReferences.delete", "/ExternalReferences/{id}/{parentUuid}");
  static final Call URL_REFERENCES = new Call("features.urlReferences", "/URLReferences");
  static final Call CREATE_URL_REFERENCE = new Call("features.urlReferences.create", "/URLReferences");
  static final Call DELETE_URL_REFERENCE = new Call("features.urlReferences.delete", "/URLReferences/{uuid}");

  private final HttpPipeline pipeline;
  private final JsonCodec codec;
  private final String root;
  private final URI serviceRoot;

  FeaturesApi(ClientContext context, String root) {
    this.pipeline = context.pipeline();
    this.codec = context.codec();
    this.root = root;
    this.serviceRoot = URI.create(root);
  }

  URI serviceRoot() {
    return serviceRoot;
  }

  /** A URI below the service root. */
  URI uri(String pathAndQuery) {
    return URI.create(root + pathAndQuery);
  }

  /** A key as one percent-encoded path segment, with its leading slash. */
  static String segment(String key) {
    return "/" + OData.encode(key);
  }

  // ---------------------------------------------------------------- reads

  /** One page of a collection ({@code GET /<set>?...}). */
  <T> Wire.Collection<T> page(Call call, URI uri, Class<T> type) {
    CalmResponse r = get(call, uri);
    return Mapping.page(r, r.decode(codec, Wire.collectionOf(type)));
  }

  /** {@code GET /Features?$count=true&$top=0}. */
  long count(URI uri) {
    CalmResponse r = get(COUNT, uri);
    return Mapping.count(r, r.decode(codec, Wire.Count.class));
  }

  /** {@code GET /Features/{uuid}}; empty on 404. */
  Optional<Feature> feature(String uuid, String query) {
    try {
      return Optional.of(get(GET, uri("/Features" + segment(uuid) + query)).decode(codec, Feature.class));
    } catch (CalmNotFoundException e) {
      return Optional.empty();
    }
  }

  /** {@code GET /Transports/{transportId}/parent}; empty on 404 or an answer without body. */
  Optional<Feature> parentOfTransport(String transportId) {
    try {
      CalmResponse r = get(TRANSPORT_PARENT, uri("/Transports" + segment(transportId) + "/parent"));
      return Mapping.noBody(r) ? Optional.empty() : Optional.of(r.decode(codec, Feature.class));
    } catch (CalmNotFoundException e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- writes

  /** {@code POST /Features}. */
  Feature create(Map<String, Object> body) {
    return created(post(CREATE, uri("/Features"), body), Feature.class, "feature");
  }

  /**
   * {@code PATCH /Features/{uuid}}: the feature as the server sent it back, or empty after 204 or an answer that is
   * not a readable feature (the change was applied either way).
   */
  Optional<Feature> update(String uuid, Map<String, ?> changes) {
    CalmResponse r =
        pipeline.send(
            request(CalmRequest.patch(uri("/Features" + segment(uuid))), UPDATE)
                .jsonBody(codec.encode(changes, true))
                .safeToRepeat(false)
                .build());
    if (Mapping.noBody(r)) {
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

  /** {@code DELETE /Features/{uuid}}. */
  boolean deleteFeature(String uuid) {
    return delete(DELETE, uri("/Features" + segment(uuid)));
  }

  /** {@code POST /ExternalReferences}. */
  ExternalReference createExternalReference(Map<String, Object> body) {
    return created(
        post(CREATE_EXTERNAL_REFERENCE, uri("/ExternalReferences"), body),
        ExternalReference.class,
        "external reference");
  }

  /** {@code DELETE /ExternalReferences/{id}/{parentUuid}}. */
  boolean deleteExternalReference(String id, String parentUuid) {
    return delete(DELETE_EXTERNAL_REFERENCE, uri("/ExternalReferences" + segment(id) + segment(parentUuid)));
  }

  /** {@code POST /URLReferences}. */
  UrlReference createUrlReference(Map<String, Object> body) {
    return created(post(CREATE_URL_REFERENCE, uri("/URLReferences"), body), UrlReference.class, "URL reference");
  }

  /** {@code DELETE /URLReferences/{uuid}}. */
  boolean deleteUrlReference(String uuid) {
    return delete(DELETE_URL_REFERENCE, uri("/URLReferences" + segment(uuid)));
  }

  // ---------------------------------------------------------------- plumbing

  private static CalmRequest.Builder request(CalmRequest.Builder b, Call call) {
    return b.header("Accept", JSON).operation(call.operation()).urlTemplate(call.urlTemplate());
  }

  private CalmResponse get(Call call, URI uri) {
    return pipeline.send(request(CalmRequest.get(uri), call).safeToRepeat(true).build());
  }

  private CalmResponse post(Call call, URI uri, Map<String, Object> body) {
    return pipeline.send(
        request(CalmRequest.post(uri), call).jsonBody(codec.encode(body, true)).safeToRepeat(false).build());
  }

  /**
   * Sends a DELETE; true when it answered 2xx, or 404 after an earlier attempt of this call whose answer was lost
   * (that attempt may have deleted the entity); false when the 404 is what the server says about the entity.
   */
  private boolean delete(Call call, URI uri) {
    try {
      pipeline.send(request(CalmRequest.delete(uri), call).safeToRepeat(true).build());
      return true;
    } catch (CalmNotFoundException e) {
      return Arrays.stream(e.getSuppressed()).anyMatch(FeaturesApi::mayHaveBeenProcessed);
    }
  }

  /**
   * Whether an earlier attempt (the pipeline attaches them to the final failure as suppressed exceptions) may have
   * been processed by the server: its answer was lost (a timeout, a connection that broke after sending) or was a
   * 500, 502 or 504. A 401 resend, a 408, a 429, a 503 (Cloud ALM's throttling answer, sent with Retry-After) and a
   * refused connection say the server did not act, so a 404 after them means "not found".
   */
  private static boolean mayHaveBeenProcessed(Throwable earlier) {
    if (earlier instanceof CalmTransportException) {
      return ((CalmTransportException) earlier).requestMayHaveBeenSent();
    }
    if (!(earlier instanceof CalmException)) {
      return false;
    }
    int status = ((CalmException) earlier).status();
    if (earlier instanceof CalmTimeoutException) {
      return status == 0;
    }
    return status == 500 || status == 502 || status == 504;
  }

  private <T> T created(CalmResponse r, Class<T> type, String what) {
    if (Mapping.blank(r.body())) {
      throw Mapping.createdWithoutBody(r, what);
    }
    return r.decode(codec, type);
  }

  /** Every entity of a code list, following nextLinks. */
  <T> List<T> readAll(Call call, Class<T> type) {
    List<T> all = new ArrayList<>();
    Pager.serverDriven(uri(call.urlTemplate()), u -> page(call, u, type), serviceRoot).forEach(all::add);
    return all;
  }
}
