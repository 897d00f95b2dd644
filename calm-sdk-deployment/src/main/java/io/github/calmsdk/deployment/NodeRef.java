package io.github.calmsdk.deployment;

/**
 * A node of the transport landscape, named either by its numeric id or by its name. Calls that need the id
 * resolve a name through {@link DeploymentClient#nodes()}.
 *
 * <pre>{@code
 * NodeRef byId = NodeId.of(17);
 * NodeRef byName = NodeName.of("QAS_TARGET");
 * deployment.importTransports(ImportRequest.all(byName));
 * }</pre>
 */
public sealed interface NodeRef permits NodeId, NodeName {}
