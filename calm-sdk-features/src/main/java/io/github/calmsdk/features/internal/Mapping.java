package io.github.calmsdk.features.internal;

import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.features.NewExternalReference;
import io.github.calmsdk.features.NewFeature;
import io.github.calmsdk.features.NewUrlReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Between the public types and the wire: request bodies from the public create types, and the checks that turn an
 * answer that does not fit (a collection without {@code value}, a count without {@code @odata.count}, a create
 * without a body) into a decoding failure that names the call.
 */
final class Mapping {
  private Mapping() {}

  /** The body of {@code POST /Features}: the set fields in a fixed order. */
  static Map<String, Object> body(NewFeature feature) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", feature.title());
    body.put("projectId", feature.projectId());
    putIfSet(body, "description", feature.description());
    putIfSet(body, "priorityCode", feature.priorityCode());
    putIfSet(body, "statusCode", feature.statusCode());
    putIfSet(body, "releaseId", feature.releaseId());
    putIfSet(body, "scopeId", feature.scopeId());
    return body;
  }

  /** The body of {@code POST /ExternalReferences}; untyped fields last, as given (a null among them is sent). */
  static Map<String, Object> body(NewExternalReference reference) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", reference.id());
    body.put("parentUuid", reference.parentUuid());
    body.put("name", reference.name());
    putIfSet(body, "url", reference.url());
    body.putAll(reference.extra());
    return body;
  }

  /** The body of {@code POST /URLReferences}; untyped fields last, as given (a null among them is sent). */
  static Map<String, Object> body(NewUrlReference reference) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("parentUuid", reference.parentUuid());
    putIfSet(body, "name", reference.name());
    body.put("url", reference.url());
    body.putAll(reference.extra());
    return body;
  }

  /** A page's entities; an answer without {@code value} is not a collection. */
  static <T> Wire.Collection<T> page(CalmResponse r, Wire.Collection<T> c) {
    if (c.value() == null) {
      throw decodingFailure(r, "the answer is not an OData collection: it has no \"value\" array");
    }
    return c;
  }

  /** The count of a {@code $count=true} answer. */
  static long count(CalmResponse r, Wire.Count c) {
    if (c.count() == null) {
      throw decodingFailure(r, "the answer to $count=true has no @odata.count");
    }
    return c.count();
  }

  /** Whether an answer holds no body to read (HTTP 204, or only white space). */
  static boolean noBody(CalmResponse r) {
    return r.status() == 204 || blank(r.body());
  }

  /** Whether a body is empty or only white space. */
  static boolean blank(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  /** The failure for a create answered without a body: the entity exists, so it must not be created again. */
  static CalmDecodingException createdWithoutBody(CalmResponse r, String what) {
    String where = r.header("Location").or(() -> r.header("OData-EntityId")).map(l -> " (" + l + ")").orElse("");
    return decodingFailure(
        r,
        "the " + what + " was created (HTTP " + r.status() + ")" + where
            + " but the answer holds no body to return it from; do not create it again, read it instead");
  }

  static CalmDecodingException decodingFailure(CalmResponse r, String problem) {
    ErrorDetails d =
        new ErrorDetails(
            r.status(),
            null,
            null,
            List.of(),
            r.requestId(),
            r.request().method(),
            r.request().uri().getRawPath(),
            r.attempts(),
            null);
    return new CalmDecodingException(problem, d, null);
  }

  private static void putIfSet(Map<String, Object> body, String name, String value) {
    if (value != null) {
      body.put(name, value);
    }
  }
}
