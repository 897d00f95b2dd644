package io.github.calmsdk.core.http;

import io.github.calmsdk.core.error.CalmValidationException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@code multipart/form-data} body (RFC 7578) that streams files from disk: a file is read in small chunks as the
 * network takes them, never held in memory whole, so a 1 GB upload runs in a small heap. The body can be sent
 * again on a retry; each attempt reopens the files. Its length is known up front.
 *
 * <pre>{@code
 * MultipartBody body = MultipartBody.builder()
 *     .file("file", Path.of("app.mtar"), "application/octet-stream")
 *     .field("namedUser", "jane")
 *     .progress((sent, total) -> System.out.print("."))
 *     .build();
 * CalmRequest r = CalmRequest.post(uri).body(body.publisher(), body.contentType()).build();
 * }</pre>
 */
public final class MultipartBody {
  private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

  private final String boundary;
  private final List<Part> parts;
  private final UploadProgressListener progress;
  private final long contentLength;

  private MultipartBody(Builder b) {
    this.boundary = b.boundary != null ? b.boundary : "calm-" + UUID.randomUUID().toString().replace("-", "");
    this.parts = List.copyOf(b.parts);
    this.progress = b.progress;
    long length = closing().length;
    for (Part p : parts) {
      length += header(p).length + p.length() + CRLF.length;
    }
    this.contentLength = length;
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The Content-Type header value, with the boundary.
   *
   * @return the content type
   */
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /**
   * The boundary between parts.
   *
   * @return the boundary
   */
  public String boundary() {
    return boundary;
  }

  /**
   * The exact length of the body in bytes.
   *
   * @return the length
   */
  public long contentLength() {
    return contentLength;
  }

  /**
   * A publisher for the body. Each subscription (one per attempt) reads the files again from the start.
   *
   * @return the publisher
   */
  public BodyPublisher publisher() {
    List<BodyPublisher> pieces = new ArrayList<>();
    for (Part p : parts) {
      pieces.add(BodyPublishers.ofByteArray(header(p)));
      if (p.file != null) {
        try {
          pieces.add(BodyPublishers.ofFile(p.file));
        } catch (FileNotFoundException e) {
          throw new CalmValidationException(
              "file", "cannot read " + p.file + "; check that it exists and is readable", e);
        }
      } else {
        pieces.add(BodyPublishers.ofByteArray(p.bytes));
      }
      pieces.add(BodyPublishers.ofByteArray(CRLF));
    }
    pieces.add(BodyPublishers.ofByteArray(closing()));
    BodyPublisher all = BodyPublishers.concat(pieces.toArray(new BodyPublisher[0]));
    return progress == null ? all : new CountingPublisher(all, contentLength, progress);
  }

  private byte[] header(Part p) {
    StringBuilder sb = new StringBuilder();
    sb.append("--").append(boundary).append("\r\n");
    sb.append("Content-Disposition: form-data; name=\"").append(escape(p.name)).append('"');
    if (p.filename != null) {
      sb.append("; filename=\"").append(escape(p.filename)).append('"');
    }
    sb.append("\r\n");
    if (p.contentType != null) {
      sb.append("Content-Type: ").append(p.contentType).append("\r\n");
    }
    sb.append("\r\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] closing() {
    return ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Quotes, CR and LF in names are percent-encoded, as browsers do (HTML form submission rules). */
  private static String escape(String s) {
    return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static final class Part {
    final String name;
    final String filename;
    final String contentType;
    final byte[] bytes;
    final Path file;
    final long fileSize;

    Part(String name, String filename, String contentType, byte[] bytes, Path file, long fileSize) {
      this.name = name;
      this.filename = filename;
      this.contentType = contentType;
      this.bytes = bytes;
      this.file = file;
      this.fileSize = fileSize;
    }

    long length() {
      return file != null ? fileSize : bytes.length;
    }
  }

  /** Builds a {@link MultipartBody}. */
  public static final class Builder {
    private final List<Part> parts = new ArrayList<>();
    private String boundary;
    private UploadProgressListener progress;

    private Builder() {}

    /**
     * Adds a text field.
     *
     * @param name the field name
     * @param value the value, sent as UTF-8
     * @return this builder
     */
    public Builder field(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      parts.add(new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8), null, 0));
      return this;
    }

    /**
     * Adds a file, sent under its own file name.
     *
     * @param name the field name
     * @param file a readable regular file
     * @param contentType its content type
     * @return this builder
     * @throws CalmValidationException when the file does not exist or cannot be read
     */
    public Builder file(String name, Path file, String contentType) {
      Objects.requireNonNull(file, "file");
      return file(name, file, String.valueOf(file.getFileName()), contentType);
    }

    /**
     * Adds a file under a given file name.
     *
     * @param name the field name
     * @param file a readable regular file
     * @param filename the file name sent
     * @param contentType its content type
     * @return this builder
     * @throws CalmValidationException when the file does not exist or cannot be read
     */
    public Builder file(String name, Path file, String filename, String contentType) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(file, "file");
      if (!Files.isRegularFile(file)) {
        throw new CalmValidationException(
            "file", file + " does not exist or is not a regular file; pass the path of the file to upload");
      }
      if (!Files.isReadable(file)) {
        throw new CalmValidationException("file", file + " is not readable; check its permissions");
      }
      long size;
      try {
        size = Files.size(file);
      } catch (IOException e) {
        throw new CalmValidationException("file", "cannot read the size of " + file, e);
      }
      parts.add(new Part(name, filename, contentType, null, file, size));
      return this;
    }

    /**
     * Sets the boundary, for byte-exact tests. By default a random one is chosen.
     *
     * @param boundary 1 to 70 characters that appear in no part
     * @return this builder
     */
    public Builder boundary(String boundary) {
      if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
        throw new IllegalArgumentException("boundary must have 1 to 70 characters");
      }
      this.boundary = boundary;
      return this;
    }

    /**
     * Sets a progress listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder progress(UploadProgressListener listener) {
      this.progress = listener;
      return this;
    }

    /**
     * Builds the body.
     *
     * @return the body
     */
    public MultipartBody build() {
      return new MultipartBody(this);
    }
  }

  /** Counts the bytes handed to the network and reports them. */
  private static final class CountingPublisher implements BodyPublisher {
    private final BodyPublisher delegate;
    private final long total;
    private final UploadProgressListener listener;

    CountingPublisher(BodyPublisher delegate, long total, UploadProgressListener listener) {
      this.delegate = delegate;
      this.total = total;
      this.listener = listener;
    }

    @Override
    public long contentLength() {
      return delegate.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      AtomicLong sent = new AtomicLong();
      delegate.subscribe(
          new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
              subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
              long now = sent.addAndGet(item.remaining());
              subscriber.onNext(item);
              listener.onProgress(now, total);
            }

            @Override
            public void onError(Throwable throwable) {
              subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
              subscriber.onComplete();
            }
          });
    }
  }
}
