package io.github.calmsdk.relay;

/**
 * What {@link Relay#submit(io.github.calmsdk.deployment.ExportRequest, SpoolMode)} does with an export's files.
 *
 * <pre>{@code
 * relay.submit(request, SpoolMode.IN_PLACE); // the caller keeps the file until the entry is delivered
 * }</pre>
 */
public enum SpoolMode {
  /** Copy each file into the relay's spool directory and fsync it (file and directory) before submit returns. */
  COPY,
  /** Reference each file where it is: the caller must keep it unchanged until the entry is delivered. */
  IN_PLACE
}
