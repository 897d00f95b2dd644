package io.github.calmsdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A thin java.net.http driver for the fake, as a client would call it. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  /** A response with its body parsed when it is JSON. */
  record Res(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private final FakeCalm fake;
  private String token;

  Http(FakeCalm fake) {
    this.fake = fake;
  }

  String token() {
    if (token == null) {
      token = fake.accessToken();
    }
    return token;
  }

  URI tms(String path) {
    return URI.create(fake.transportManagementUri() + path);
  }

  URI features(String path) {
    return URI.create(fake.featuresUri() + path);
  }

  Res get(URI uri) throws IOException, InterruptedException {
    return send(authorized(uri).GET().build());
  }

  Res delete(URI uri) throws IOException, InterruptedException {
    return send(authorized(uri).DELETE().build());
  }

  Res post(URI uri, String json) throws IOException, InterruptedException {
    return send(authorized(uri).header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(json)).build());
  }

  Res patch(URI uri, String json) throws IOException, InterruptedException {
    return send(authorized(uri).header("Content-Type", "application/json")
        .method("PATCH", BodyPublishers.ofString(json)).build());
  }

  HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token());
  }

  static Res send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = CLIENT.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Res(r.statusCode(), r.body(), r);
  }

  /** Uploads bytes as the {@code file} part, returns the fileId. */
  long uploadBytes(String fileName, byte[] content) throws IOException, InterruptedException {
    Res r = send(authorized(tms("/v2/files/upload")).header("Content-Type", "multipart/form-data; boundary=xyz")
        .POST(multipart("xyz", fileName, BodyPublishers.ofByteArray(content), "jane")).build());
    if (r.status() != 201) {
      throw new AssertionError("upload failed: " + r.status() + " " + r.body());
    }
    return r.json().get("fileId").asLong();
  }

  static BodyPublisher multipart(String boundary, String fileName, BodyPublisher file, String namedUser) {
    List<BodyPublisher> parts = new ArrayList<>();
    if (namedUser != null) {
      parts.add(BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"namedUser\""
          + "\r\n\r\n" + namedUser + "\r\n"));
    }
    parts.add(BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
        + "filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
    parts.add(file);
    parts.add(BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
    return BodyPublishers.concat(parts.toArray(new BodyPublisher[0]));
  }

  static BodyPublisher fileBody(Path path) {
    try {
      return BodyPublishers.ofFile(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Uploads a small file and exports it from {@code node}; returns the transport request id. */
  long export(String node, String description) throws IOException, InterruptedException {
    long fileId = uploadBytes("app.mtar", "content".getBytes(StandardCharsets.UTF_8));
    Res r = post(tms("/v2/nodes/export"), exportBody(node, fileId, description));
    if (r.status() != 200) {
      throw new AssertionError("export failed: " + r.status() + " " + r.body());
    }
    return r.json().get("transportRequestId").asLong();
  }

  static String exportBody(String node, long fileId, String description) {
    return "{\"contentType\":\"MTA\",\"storageType\":\"FILE\",\"nodeName\":\"" + node + "\",\"description\":\""
        + description + "\",\"namedUser\":\"jane\",\"entries\":[{\"uri\":\"" + fileId + "\"}]}";
  }
}
