package io.github.calmsdk.testkit.internal;

/** Thrown by a handler to answer with an error response; carries no stack trace. */
final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient HttpResp response;

  HttpError(HttpResp response) {
    super("HTTP " + response.status(), null, false, false);
    this.response = response;
  }

  HttpResp response() {
    return response;
  }
}
