package io.github.calmsdk.deployment;

/**
 * One entry (file or reference) of a transport request.
 *
 * <pre>{@code
 * boolean mine = tr.entries().stream().anyMatch(e -> e.uri().equals(Long.toString(fileId)));
 * }</pre>
 *
 * @param id the entry id, 0 when the server sent none
 * @param storageType how the content is stored, or null
 * @param contentType the content type, or null
 * @param uri the file id (for {@code FILE}) or the reference, or null
 */
public record TransportEntry(long id, StorageType storageType, ContentType contentType, String uri) {}
