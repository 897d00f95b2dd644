package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.internal.Urls;
import io.github.calmsdk.deployment.ActionId;
import io.github.calmsdk.deployment.ActionLog;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.Node;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.OutcomeResolver;
import io.github.calmsdk.deployment.RetryRequest;
import io.github.calmsdk.deployment.StatusChange;
import io.github.calmsdk.deployment.StatusChangeListener;
import io.github.calmsdk.deployment.StatusWatcher;
import io.github.calmsdk.deployment.TransitionRequest;
import io.github.calmsdk.deployment.TransportQuery;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportRequestLog;
import io.github.calmsdk.deployment.WatchRequest;
import io.github.calmsdk.core.http.MultipartBody;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.MtaExtDescriptor;
import io.github.calmsdk.deployment.MtaExtDescriptorUpload;
import io.github.calmsdk.deployment.NodeDeclaration;
import io.github.calmsdk.deployment.TransportRequestTracking;
import io.github.calmsdk.deployment.TransportStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The client; immutable after construction, so thread-safe. */
public final class DefaultDeploymentClient implements DeploymentClient {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.deployment");

  private final DeploymentOptions options;
  private final TransportApi api;
  private final ExportFlow exports;
  private final Transitions transitions;
  private final DefaultOutcomeResolver resolver;
  private final SingleReads singleReads;

  /**
   * Creates the client.
   *
   * @param context the client's context
   * @param apiBase the API base URL
   * @param options the settings
   */
  public DefaultDeploymentClient(ClientContext context, URI apiBase, DeploymentOptions options) {
    if (context == null) {
      throw new CalmValidationException("context", "is missing; pass a ClientContext, e.g. ClientContext.defaults()");
    }
    if (options == null) {
      throw new CalmValidationException("options", "is missing; pass DeploymentOptions.defaults()");
    }
    this.options = options;
    String base = Urls.apiBase(apiBase);
    this.api = new TransportApi(
            context,
            base + options.basePath() + options.versionPath(),
            options.versionPath(),
            options.statusFilter());
    this.singleReads = new SingleReads(options.tms231Reads(), options.statusFilter());
    this.resolver = new DefaultOutcomeResolver(api, options, this::resolve, singleReads);
    this.exports = new ExportFlow(api, options, resolver);
    this.transitions = new Transitions(api, options, resolver);
  }

  @Override
  public List<Node> nodes() {
    return api.nodes();
  }

  @Override
  public Optional<Node> node(NodeId id) {
    Objects.requireNonNull(id, "id");
    return nodes().stream().filter(n -> n.id().equals(id)).findFirst();
  }

  @Override
  public Optional<Node> node(NodeName name) {
    Objects.requireNonNull(name, "name");
    return nodes().stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** The id of a node; a name is looked up in the node list. */
  NodeId resolve(NodeRef ref) {
    if (ref instanceof NodeId) {
      return (NodeId) ref;
    }
    return named((NodeName) ref).id();
  }

  /** The node of that name, from one node listing; not found names the known nodes. */
  private Node named(NodeName name) {
    List<Node> all = nodes();
    return all.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow(() -> noSuchNode(name, all));
  }

  /**
   * Resolves the node of an import and refuses, before anything is sent, what SAP's Cloud ALM setup guide says the
   * node cannot do: any import into a node controlled by SAP Solution Manager ({@link
   * DeploymentOptions#importRefusingControllers()}), and Import Selected into a node whose targets all take
   * content type BTP_ABAP. The node's content types and control come from {@code GET /v2/nodes}, or, where the
   * answer says nothing, from {@link DeploymentOptions#nodeDeclarations()}. A node given by id costs that one
   * listing; when it cannot be read, only the declarations are checked and the service decides.
   */
  NodeId resolveForImport(NodeRef ref, boolean selected) {
    Node node;
    if (ref instanceof NodeName) {
      node = named((NodeName) ref);
    } else {
      try {
        node = nodes().stream().filter(n -> n.id().equals(ref)).findFirst().orElse(null);
      } catch (io.github.calmsdk.core.error.CalmException unreadable) {
        LOG.debug("The node list could not be read ({}); checking node {} against its declaration only",
            unreadable.summary(), ref);
        node = null;
      }
    }
    NodeId id = node != null ? node.id() : (NodeId) ref;
    NodeName name = node != null ? node.name() : null;
    NodeDeclaration declared = options.declarationOf(id, name);
    String label = "node " + (name != null ? name + " (id " + id + ")" : ref.toString());
    String controlledBy = node != null ? node.controlledBy() : null;
    String controlSource = "GET " + api.path("/nodes");
    if (controlledBy == null && declared != null && declared.controlledBy() != null) {
      controlledBy = declared.controlledBy();
      controlSource = "DeploymentOptions.declareNode";
    }
    if (controlledBy != null
        && options.importRefusingControllers().contains(controlledBy.strip().toUpperCase(Locale.ROOT))) {
      throw new CalmValidationException(
          "node",
          label + " is controlled by '" + controlledBy + "' (SAP Solution Manager; from " + controlSource
              + "): it supports no import triggered through this API, nothing was sent. Import it from SAP Solution"
              + " Manager, or, if the node is no longer controlled there, change the declaration or"
              + " DeploymentOptions.importRefusingControllers");
    }
    List<ContentType> types = node != null ? node.contentTypes() : List.of();
    String typeSource = "GET " + api.path("/nodes");
    if (types.isEmpty() && declared != null && !declared.contentTypes().isEmpty()) {
      types = declared.contentTypes();
      typeSource = "DeploymentOptions.declareNode";
    }
    if (selected && !types.isEmpty() && types.stream().allMatch(ContentType.BTP_ABAP::equals)) {
      throw new CalmValidationException(
          "node",
          label + " takes content type BTP_ABAP (from " + typeSource + "), where Import Selected (importing given"
              + " transport requests, as import and retry do) is not possible, nothing was sent. The node supports"
              + " importing its whole queue: use ImportRequest.all(node); SAP's guide names ImportUpTo, which only"
              + " the CTMS UI offers");
    }
    return id;
  }

  private CalmNotFoundException noSuchNode(NodeName name, List<Node> all) {
    return new CalmNotFoundException(
        "no node named '" + name + "' in " + api.path("/nodes") + "; known nodes: "
            + all.stream().map(n -> n.name().value()).collect(Collectors.joining(", ")),
        ErrorDetails.none(),
        null);
  }

  @Override
  public Optional<TransportRequest> transportRequest(NodeRef node, TransportRequestId id) {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(
        resolver.read(resolve(node), List.of(id), TransportQueryCodes.ALL).found().get(id));
  }

  @Override
  public TransportRequestTracking tracking(TransportRequestId id) {
    Objects.requireNonNull(id, "id");
    Map<String, Object> raw = Map.of();
    if (singleReads.trackingUsable()) {
      try {
        raw = api.tracking(id.value());
        List<TransportRequestTracking.Queue> queues = trackedQueues(raw);
        if (queues != null) {
          return new TransportRequestTracking(id, queues, false, raw);
        }
        singleReads.markAbsent(SingleReads.Endpoint.TRACKING, "its answer has no nodes array of statuses");
      } catch (io.github.calmsdk.core.error.CalmException e) {
        SingleReads.Verdict v = SingleReads.verdict(e);
        if (v == SingleReads.Verdict.OTHER) {
          throw e;
        }
        TransportRequestTracking scanned = scanForTracking(id, raw);
        if (v == SingleReads.Verdict.ABSENT) {
          singleReads.markAbsent(SingleReads.Endpoint.TRACKING, "it answered HTTP " + e.status());
        } else if (!scanned.queues().isEmpty()) {
          singleReads.markAbsent(
              SingleReads.Endpoint.TRACKING, "it answered 404 for transport request " + id + ", which queues hold");
        }
        if (scanned.queues().isEmpty()) {
          throw e;
        }
        return scanned;
      }
    }
    TransportRequestTracking scanned = scanForTracking(id, raw);
    if (scanned.queues().isEmpty()) {
      throw new CalmNotFoundException(
          "transport request " + id + " is in no node's queue (listed every node's queue)", ErrorDetails.none(), null);
    }
    return scanned;
  }

  /** The queues of a tracking answer's {@code nodes} array, or null when it has none with statuses. */
  private static List<TransportRequestTracking.Queue> trackedQueues(Map<String, Object> raw) {
    if (!(raw.get("nodes") instanceof List)) {
      return null;
    }
    List<TransportRequestTracking.Queue> out = new ArrayList<>();
    for (Object o : (List<?>) raw.get("nodes")) {
      if (!(o instanceof Map)) {
        return null;
      }
      Map<?, ?> m = (Map<?, ?>) o;
      Object status = m.get("status");
      if (!(status instanceof String) || ((String) status).isBlank()) {
        return null;
      }
      Object nodeId = m.get("nodeId");
      Object nodeName = m.get("nodeName");
      out.add(
          new TransportRequestTracking.Queue(
              nodeId instanceof Number ? NodeId.of(((Number) nodeId).longValue()) : null,
              nodeName instanceof String && !((String) nodeName).isBlank() ? NodeName.of((String) nodeName) : null,
              TransportStatus.of((String) status),
              m.get("queuedAt") instanceof String ? Mapping.instant((String) m.get("queuedAt")) : null));
    }
    return out;
  }

  /** Tracking the 2.2.1 way: every node's queue, with every status. */
  private TransportRequestTracking scanForTracking(TransportRequestId id, Map<String, Object> raw) {
    List<TransportRequestTracking.Queue> queues = new ArrayList<>();
    for (Node n : nodes()) {
      for (TransportRequest t :
          api.transportRequests(n.id().value(), TransportQueryCodes.ALL, null, null, null, null, null)) {
        if (t.id().equals(id)) {
          queues.add(new TransportRequestTracking.Queue(n.id(), n.name(), t.status(), t.queuedAt()));
        }
      }
    }
    return new TransportRequestTracking(id, queues, true, raw);
  }

  @Override
  public List<MtaExtDescriptor> mtaExtDescriptors(NodeRef node) {
    Objects.requireNonNull(node, "node");
    return api.mtaExtDescriptors(resolve(node).value(), null, null);
  }

  @Override
  public List<MtaExtDescriptor> mtaExtDescriptors(NodeRef node, String mtaId, String mtaVersion) {
    Checks.present("node", node, "pass a NodeId or NodeName");
    Checks.required("mtaId", mtaId, "pass the MTA id the descriptor extends, or use mtaExtDescriptors(node)");
    if (mtaVersion != null) {
      Checks.required("mtaVersion", mtaVersion, "pass a version such as 1.2.0, * for any, or null");
    }
    return api.mtaExtDescriptors(resolve(node).value(), mtaId, mtaVersion);
  }

  @Override
  public MtaExtDescriptor createMtaExtDescriptor(MtaExtDescriptorUpload upload) {
    Objects.requireNonNull(upload, "upload");
    return api.putMtaExtDescriptor(resolve(upload.node()).value(), null, descriptorBody(upload), upload.namedUser());
  }

  @Override
  public MtaExtDescriptor updateMtaExtDescriptor(long descriptorId, MtaExtDescriptorUpload upload) {
    Objects.requireNonNull(upload, "upload");
    positiveId(descriptorId);
    return api.putMtaExtDescriptor(
        resolve(upload.node()).value(), descriptorId, descriptorBody(upload), upload.namedUser());
  }

  @Override
  public void deleteMtaExtDescriptor(NodeRef node, long descriptorId) {
    Checks.present("node", node, "pass a NodeId or NodeName");
    positiveId(descriptorId);
    api.deleteMtaExtDescriptor(resolve(node).value(), descriptorId);
  }

  private static void positiveId(long descriptorId) {
    if (descriptorId <= 0) {
      throw new CalmValidationException(
          "descriptorId", "must be positive, was " + descriptorId + "; pass the id from mtaExtDescriptors(node)");
    }
  }

  /** The multipart body Piper sends: {@code file}, {@code mtaVersion}, {@code description}. */
  private static MultipartBody descriptorBody(MtaExtDescriptorUpload upload) {
    MultipartBody.Builder b =
        MultipartBody.builder()
            .file("file", upload.file(), "application/octet-stream")
            .field("mtaVersion", upload.mtaVersion());
    if (upload.description() != null) {
      b.field("description", upload.description());
    }
    return b.build();
  }

  @Override
  public OutcomeResolver resolver() {
    return resolver;
  }

  @Override
  public ExportResult export(ExportRequest request) {
    Objects.requireNonNull(request, "request");
    return exports.run(request);
  }

  @Override
  public CompletableFuture<ExportResult> exportAsync(ExportRequest request) {
    Objects.requireNonNull(request, "request");
    return CompletableFuture.supplyAsync(() -> exports.run(request), api.context().executor());
  }

  @Override
  public ImportAction importTransports(ImportRequest request) {
    Objects.requireNonNull(request, "request");
    NodeId node = resolveForImport(request.node(), !request.all());
    return transitions.importTransports(
        node, request.transportRequests(), request.all(), request.namedUser(), java.util.Map.of(), List.of());
  }

  @Override
  public ImportAction retry(RetryRequest request) {
    Objects.requireNonNull(request, "request");
    return transitions.retry(resolveForImport(request.node(), true), request.transportRequests(), request.namedUser());
  }

  @Override
  public ImportAction action(ActionId id) {
    Objects.requireNonNull(id, "id");
    return new DefaultImportAction(api, options, id, null, List.of(), List.of(), null);
  }

  @Override
  public List<TransportRequest> transportRequests(TransportQuery query) {
    Objects.requireNonNull(query, "query");
    return api.transportRequests(
        resolve(query.node()).value(),
        query.statusCodes(),
        query.createdAtFrom(),
        query.createdAtTo(),
        query.queuedAtFrom(),
        query.queuedAtTo(),
        query.owner());
  }

  @Override
  public void forward(TransitionRequest request) {
    Objects.requireNonNull(request, "request");
    transitions.transition(resolve(request.node()), "forward", request.transportRequests(), request.namedUser());
  }

  @Override
  public void reset(TransitionRequest request) {
    Objects.requireNonNull(request, "request");
    transitions.reset(resolve(request.node()), request.transportRequests(), request.namedUser(), java.util.Map.of());
  }

  @Override
  public void remove(TransitionRequest request) {
    Objects.requireNonNull(request, "request");
    transitions.transition(resolve(request.node()), "remove", request.transportRequests(), request.namedUser());
  }

  @Override
  public List<ActionLog> actionLogs(ActionId id) {
    Objects.requireNonNull(id, "id");
    return api.actionLogs(id);
  }

  @Override
  public List<TransportRequestLog> transportRequestLogs(NodeRef node, TransportRequestId id) {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(id, "id");
    return api.transportRequestLogs(resolve(node).value(), id.value());
  }

  @Override
  public StatusWatcher statusChanges(WatchRequest request, StatusChangeListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    return watcher(request, listener, () -> {}).start();
  }

  @Override
  public Stream<StatusChange> statusChangeStream(WatchRequest request) {
    Objects.requireNonNull(request, "request");
    NodeId node = resolve(request.node());
    return StatusChangeStream.open(feed -> watcher(request, node, feed::change, feed::end).start());
  }

  private PollingStatusWatcher watcher(WatchRequest request, StatusChangeListener listener, Runnable onEnd) {
    return watcher(request, resolve(request.node()), listener, onEnd);
  }

  private PollingStatusWatcher watcher(
      WatchRequest request, NodeId node, StatusChangeListener listener, Runnable onEnd) {
    String codes = TransportQuery.builder().node(node).statuses(request.statuses()).build().statusCodes();
    Duration interval = request.interval() != null ? request.interval() : options.watchInterval();
    List<TransportRequestId> given = request.transportRequests();
    Supplier<List<TransportRequest>> poll;
    if (given.isEmpty()) {
      poll = () -> api.transportRequests(node.value(), codes, null, null, null, null, null);
    } else {
      // given transport requests: read one by one (TMS 2.3.1) when that takes no more calls, else list and keep them
      poll = () -> {
        Map<TransportRequestId, TransportRequest> found = resolver.read(node, given, codes).found();
        List<TransportRequest> out = new ArrayList<>();
        for (TransportRequestId id : given) {
          TransportRequest t = found.get(id);
          if (t != null && request.statuses().contains(t.status())) {
            out.add(t);
          }
        }
        return out;
      };
    }
    return new PollingStatusWatcher(
        request,
        node,
        poll,
        listener,
        onEnd,
        interval,
        api.context().clock(),
        api.context().sleeper(),
        options.threadFactory());
  }

  @Override
  public String toString() {
    return "DeploymentClient[" + api.uri("") + "]";
  }
}
