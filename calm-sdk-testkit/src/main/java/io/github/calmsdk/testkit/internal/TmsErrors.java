package io.github.calmsdk.testkit.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The error bodies of the transport-management API, in the spec's {@code ExceptionObject} shape
 * {@code {"errorType":"com.sap.lm.sl.alm.ts.core.exception.service.<Type>","message":...}}.
 */
final class TmsErrors {
  private static final String EX = "com.sap.lm.sl.alm.ts.core.exception.service.";

  private TmsErrors() {}

  /** An error response; {@code type} is the simple exception name, such as {@code TsNotFoundException}. */
  static HttpResp response(int status, String type, String message) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("errorType", EX + type);
    o.put("message", message);
    return HttpResp.json(status, o.toString());
  }

  static HttpResp notFoundResponse(String message) {
    return response(404, "TsNotFoundException", message);
  }

  static HttpResp notAllowedResponse(String method) {
    return response(405, "HttpRequestMethodNotSupportedException",
        "Request method '" + method + "' is not supported");
  }

  /** A 400 to throw. */
  static HttpError badRequest(String message) {
    return new HttpError(response(400, "TsBadRequestException", message));
  }

  /** A 404 to throw. */
  static HttpError notFound(String message) {
    return new HttpError(notFoundResponse(message));
  }

  /** A 415 to throw. */
  static HttpError unsupportedMediaType(String contentType, String wanted) {
    return new HttpError(response(415, "HttpMediaTypeNotSupportedException",
        "Content-Type '" + contentType + "' is not supported; send " + wanted));
  }

  /** A 422 to throw. */
  static HttpError unprocessable(String message) {
    return new HttpError(response(422, "TsUnprocessableEntityException", message));
  }
}
