package io.github.calmsdk.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 200 MiB file streams through the pipeline in a JVM whose whole heap is 32 MiB. */
class LargeUploadTest {
  private static final long SIZE = 200L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void uploadsA200MiBFileInAJvmWithA32MiBHeap() throws Exception {
    Path file = dir.resolve("big.bin");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(SIZE);
      f.seek(SIZE - 4);
      f.write(new byte[] {'T', 'A', 'I', 'L'});
    }
    AtomicLong received = new AtomicLong();
    AtomicReference<String> tail = new AtomicReference<>("");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/upload", ex -> {
      byte[] buf = new byte[64 * 1024];
      byte[] last = new byte[64];
      int n;
      long total = 0;
      try (InputStream in = ex.getRequestBody()) {
        while ((n = in.read(buf)) > 0) {
          total += n;
          if (n >= 64) {
            System.arraycopy(buf, n - 64, last, 0, 64);
          } else {
            System.arraycopy(last, n, last, 0, 64 - n);
            System.arraycopy(buf, 0, last, 64 - n, n);
          }
        }
      }
      received.set(total);
      tail.set(new String(last, StandardCharsets.ISO_8859_1));
      ex.sendResponseHeaders(201, -1);
      ex.close();
    });
    server.start();
    try {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
              StreamedUploadMain.class.getName(),
              "http://127.0.0.1:" + server.getAddress().getPort() + "/upload", file.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("status=201");
      long framing = ("--LARGE\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
          + "Content-Type: application/octet-stream\r\n\r\n").length() + "\r\n--LARGE--\r\n".length();
      assertThat(received.get()).isEqualTo(SIZE + framing);
      assertThat(tail.get()).endsWith("TAIL\r\n--LARGE--\r\n");
    } finally {
      server.stop(0);
    }
  }
}
