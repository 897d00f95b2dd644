package io.github.calmsdk.deployment;

/**
 * Which queue an export puts its transport request into.
 *
 * <pre>{@code
 * ExportRequest.builder().mode(ExportMode.UPLOAD_ONLY);
 * }</pre>
 */
public enum ExportMode {
  /** {@code POST /v2/nodes/export}: into the queues of the node's follow-on nodes, ready to import there. */
  EXPORT,
  /** {@code POST /v2/nodes/upload}: into the named node's own queue. */
  UPLOAD_ONLY
}
