package io.github.calmsdk.deployment;

import java.time.Instant;

/**
 * An MTA extension descriptor stored on a node ({@code /v2/nodes/{nodeId}/mtaExtDescriptors}); the transport
 * management service applies it when it deploys the MTA with that id and version into the node's target. The
 * endpoint is not in the published API specification 2.2.1; its shape here is the one Project Piper reads
 * ({@code SAP/jenkins-library pkg/tms}). Fields other than the id may be missing and are then null.
 *
 * <pre>{@code
 * for (MtaExtDescriptor d : deployment.mtaExtDescriptors(NodeName.of("QAS"))) {
 *   System.out.println(d.id() + " " + d.mtaId() + " " + d.mtaVersion() + " " + d.description());
 * }
 * }</pre>
 *
 * @param id the descriptor's id in the node
 * @param description the description, or null
 * @param mtaId the id of the MTA it extends (the file's {@code extends}), or null
 * @param mtaExtId the descriptor's own id (the file's {@code ID}), or null
 * @param mtaVersion the MTA version it applies to ({@code *} for any), or null
 * @param lastChangedAt when it was last changed, or null when absent or unreadable
 */
public record MtaExtDescriptor(
    long id, String description, String mtaId, String mtaExtId, String mtaVersion, Instant lastChangedAt) {}
