package io.github.calmsdk.deployment.internal;

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
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The client; immutable after construction, so thread-safe. */
public final class DefaultDeploymentClient implements DeploymentClient {
  private final DeploymentOptions options;
  private final TransportApi api;
  private final ExportFlow exports;
  private final Transitions transitions;
  private final DefaultOutcomeResolver resolver;

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
    this.resolver = new DefaultOutcomeResolver(api, options, this::resolve);
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
    NodeName name = (NodeName) ref;
    List<Node> all = nodes();
    return all.stream()
        .filter(n -> n.name().equals(name))
        .map(Node::id)
        .findFirst()
        .orElseThrow(
            () ->
                new CalmNotFoundException(
                    "no node named '" + name + "' in " + api.path("/nodes") + "; known nodes: "
                        + all.stream().map(n -> n.name().value()).collect(Collectors.joining(", ")),
                    ErrorDetails.none(),
                    null));
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
    NodeId node = resolve(request.node());
    return transitions.importTransports(
        node, request.transportRequests(), request.all(), request.namedUser(), java.util.Map.of(), List.of());
  }

  @Override
  public ImportAction retry(RetryRequest request) {
    Objects.requireNonNull(request, "request");
    return transitions.retry(resolve(request.node()), request.transportRequests(), request.namedUser());
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
    return new PollingStatusWatcher(
        request,
        node,
        () -> api.transportRequests(node.value(), codes, null, null, null, null, null),
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
