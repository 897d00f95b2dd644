package io.github.calmsdk.core.internal.pipeline;

import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.CallContext;
import io.github.calmsdk.core.http.HttpStage;

/** Sends the call's request id, the same on every attempt, unless the caller set one. */
public final class RequestIdStage implements HttpStage {
  private final String header;

  /**
   * Creates the stage.
   *
   * @param header the header name
   */
  public RequestIdStage(String header) {
    this.header = header;
  }

  @Override
  public CalmResponse process(CalmRequest request, CallContext context, Next next) {
    if (request.header(header).isPresent()) {
      return next.proceed(request);
    }
    return next.proceed(request.withHeader(header, context.requestId()));
  }
}
