package io.github.calmsdk.core.http;

/**
 * Hears how much of an upload has been handed to the network. Called on the HTTP client's threads: keep it quick.
 * A retried upload starts again from zero.
 *
 * <pre>{@code
 * UploadProgressListener bar = (sent, total) -> System.out.printf("\r%d%%", sent * 100 / total);
 * }</pre>
 */
@FunctionalInterface
public interface UploadProgressListener {
  /**
   * Reports progress.
   *
   * @param bytesSent bytes of the body sent so far in this attempt
   * @param totalBytes the body's length
   */
  void onProgress(long bytesSent, long totalBytes);

  /**
   * A listener that ignores progress.
   *
   * @return the listener
   */
  static UploadProgressListener none() {
    return (sent, total) -> {};
  }
}
