package io.github.calmsdk.deployment;

/**
 * A file uploaded by {@code POST /v2/files/upload}, before it was put into a transport request.
 *
 * <pre>{@code
 * result.uploadedFiles().forEach(f -> System.out.println(f.fileId() + " " + f.fileName()));
 * }</pre>
 *
 * @param fileId the id the service gave the file; the transport request's entry URI
 * @param fileName the file name the service recorded
 */
public record UploadedFile(long fileId, String fileName) {}
