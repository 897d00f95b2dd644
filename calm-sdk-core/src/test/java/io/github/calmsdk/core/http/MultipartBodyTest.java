package io.github.calmsdk.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.core.error.CalmValidationException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartBodyTest {
  @TempDir Path dir;

  static byte[] drain(BodyPublisher p) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> done = new CompletableFuture<>();
    p.subscribe(new Flow.Subscriber<ByteBuffer>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(ByteBuffer b) { byte[] a = new byte[b.remaining()]; b.get(a); out.write(a, 0, a.length); }
      @Override public void onError(Throwable t) { done.completeExceptionally(t); }
      @Override public void onComplete() { done.complete(null); }
    });
    done.get();
    return out.toByteArray();
  }

  @Test
  void writesTheBodyByteForByte() throws Exception {
    Path file = Files.write(dir.resolve("app.mtar"), new byte[] {0, 1, 2, (byte) 0xFF});
    MultipartBody body = MultipartBody.builder().boundary("B0UNDARY")
        .file("file", file, "application/octet-stream")
        .field("namedUser", "jäne")
        .build();
    byte[] expected = concat(
        ("--B0UNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"app.mtar\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8),
        new byte[] {0, 1, 2, (byte) 0xFF},
        ("\r\n--B0UNDARY\r\nContent-Disposition: form-data; name=\"namedUser\"\r\n\r\njäne\r\n--B0UNDARY--\r\n")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(drain(body.publisher())).isEqualTo(expected);
    assertThat(body.contentLength()).isEqualTo(expected.length);
    assertThat(body.publisher().contentLength()).isEqualTo(expected.length);
    assertThat(body.contentType()).isEqualTo("multipart/form-data; boundary=B0UNDARY");
  }

  @Test
  void canBeSentAgainForARetry() throws Exception {
    Path file = Files.writeString(dir.resolve("a.txt"), "hello");
    BodyPublisher p = MultipartBody.builder().file("file", file, "text/plain").build().publisher();
    assertThat(drain(p)).isEqualTo(drain(p));
  }

  @Test
  void escapesQuotesAndLineBreaksInFileNames() throws Exception {
    Path file = Files.writeString(dir.resolve("a.txt"), "x");
    byte[] bytes = drain(MultipartBody.builder().boundary("b").file("file", file, "evil\"\r\nX-Injected: 1", "text/plain").build().publisher());
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("filename=\"evil%22%0D%0AX-Injected: 1\"").doesNotContain("\r\nX-Injected");
  }

  @Test
  void reportsProgressUpToTheTotal() throws Exception {
    Path file = Files.write(dir.resolve("big.bin"), new byte[300_000]);
    List<long[]> seen = new CopyOnWriteArrayList<>();
    MultipartBody body = MultipartBody.builder().file("file", file, "application/octet-stream")
        .progress((sent, total) -> seen.add(new long[] {sent, total})).build();
    drain(body.publisher());
    assertThat(seen).isNotEmpty();
    assertThat(seen.get(seen.size() - 1)).containsExactly(body.contentLength(), body.contentLength());
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i)[0]).isGreaterThan(seen.get(i - 1)[0]);
    }
  }

  @Test
  void rejectsAFileThatDoesNotExistBeforeAnythingIsSent() {
    assertThatThrownBy(() -> MultipartBody.builder().file("file", dir.resolve("missing.mtar"), "x"))
        .isInstanceOf(CalmValidationException.class)
        .hasMessageContaining("file: ")
        .hasMessageContaining("does not exist");
  }

  @Test
  void rejectsADirectory() {
    assertThatThrownBy(() -> MultipartBody.builder().file("file", dir, "x")).isInstanceOf(CalmValidationException.class);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }
}
