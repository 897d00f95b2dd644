package io.github.calmsdk.core.http;

import io.github.calmsdk.core.ClientContext;
import java.net.URI;
import java.nio.file.Path;

/** Run in a child JVM with a small heap by {@link LargeUploadTest}: uploads one file through the pipeline. */
public final class StreamedUploadMain {
  private StreamedUploadMain() {}

  public static void main(String[] args) {
    MultipartBody body = MultipartBody.builder().boundary("LARGE").file("file", Path.of(args[1]), "application/octet-stream").build();
    CalmResponse r = ClientContext.builder().build().pipeline()
        .send(CalmRequest.post(URI.create(args[0])).body(body.publisher(), body.contentType())
            .options(CallOptions.builder().attemptTimeout(java.time.Duration.ofMinutes(5)).build()).build());
    System.out.println("status=" + r.status() + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }
}
