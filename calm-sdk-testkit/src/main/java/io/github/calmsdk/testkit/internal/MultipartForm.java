package io.github.calmsdk.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code multipart/form-data} request as the transport-management API does: short text fields, and one
 * part named {@code file} (with a file name) handed to a consumer as a stream.
 */
final class MultipartForm {
  private static final int MAX_FIELD = 4096;

  /** Consumes the one {@code file} part. */
  interface FilePart {
    void accept(Multipart.Part part, InputStream content) throws IOException;
  }

  private MultipartForm() {}

  /**
   * Reads the form: the {@code file} part goes to {@code file}, the first value of each text field is returned.
   *
   * @throws HttpError 415 when not multipart/form-data, 400 when malformed or a field is too long
   */
  static Map<String, String> read(Req req, FilePart file) throws IOException {
    String boundary = Multipart.boundary(req.contentType());
    if (boundary == null) {
      if (!req.contentType().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
        throw TmsErrors.unsupportedMediaType(req.contentType(), "multipart/form-data");
      }
      throw TmsErrors.badRequest("multipart/form-data without a boundary");
    }
    if (req.stream == null) {
      throw TmsErrors.badRequest("empty multipart body");
    }
    Map<String, String> fields = new HashMap<>();
    Multipart mp = new Multipart(req.stream, boundary);
    boolean fileSeen = false;
    try {
      for (Multipart.Part part; (part = mp.next()) != null; ) {
        String name = part.name();
        if ("file".equals(name) && part.filename() != null && !fileSeen) {
          fileSeen = true;
          file.accept(part, part.content);
        } else if (name != null && part.filename() == null) {
          byte[] value = part.content.readNBytes(MAX_FIELD + 1);
          if (value.length > MAX_FIELD) {
            throw TmsErrors.badRequest("Form field '" + name + "' is too long");
          }
          fields.putIfAbsent(name, new String(value, StandardCharsets.UTF_8));
        }
      }
    } catch (Multipart.MalformedException e) {
      throw TmsErrors.badRequest("Malformed multipart body: " + e.getMessage());
    }
    return fields;
  }
}
