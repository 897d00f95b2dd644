package io.github.calmsdk.testkit;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file received by {@code POST /v2/files/upload}. The fake keeps only its size, its SHA-256 and its first KiB,
 * never the whole content.
 *
 * <pre>{@code
 * UploadedFile file = fake.uploadedFiles().get(0);
 * assertThat(file.size()).isEqualTo(Files.size(mtar));
 * assertThat(file.sha256()).isEqualTo(sha256Hex(mtar));
 * }</pre>
 *
 * @param fileId the id the fake assigned
 * @param fileName the file name from the part's Content-Disposition
 * @param contentType the part's Content-Type, or null
 * @param size the size in bytes
 * @param sha256 the SHA-256 of the content, lower-case hex
 * @param firstBytes up to the first 1024 bytes of the content
 * @param namedUser the {@code namedUser} form field, or null
 * @param uploadedAt when it arrived, on the fake's clock
 */
public record UploadedFile(
    long fileId,
    String fileName,
    String contentType,
    long size,
    String sha256,
    byte[] firstBytes,
    String namedUser,
    Instant uploadedAt) {

  /**
   * Copies the bytes.
   *
   * @param fileId the id
   * @param fileName the file name
   * @param contentType the part's content type, or null
   * @param size the size in bytes
   * @param sha256 the SHA-256, hex
   * @param firstBytes the first bytes
   * @param namedUser the named user, or null
   * @param uploadedAt the arrival time
   */
  public UploadedFile {
    firstBytes = firstBytes.clone();
    Objects.requireNonNull(sha256, "sha256");
  }

  /**
   * Up to the first 1024 bytes of the content.
   *
   * @return a copy of the bytes
   */
  @Override
  public byte[] firstBytes() {
    return firstBytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UploadedFile f
        && fileId == f.fileId
        && size == f.size
        && Objects.equals(fileName, f.fileName)
        && Objects.equals(contentType, f.contentType)
        && sha256.equals(f.sha256)
        && Arrays.equals(firstBytes, f.firstBytes)
        && Objects.equals(namedUser, f.namedUser)
        && Objects.equals(uploadedAt, f.uploadedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fileId, fileName, size, sha256);
  }

  @Override
  public String toString() {
    return "UploadedFile[fileId=" + fileId + ", fileName=" + fileName + ", size=" + size + ", sha256=" + sha256
        + "]";
  }
}
