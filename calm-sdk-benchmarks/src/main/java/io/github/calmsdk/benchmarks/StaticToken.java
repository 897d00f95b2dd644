package io.github.calmsdk.benchmarks;

import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.CallContext;
import io.github.calmsdk.core.http.HttpStage;

/**
 * A trivial authorization stage: the same bearer header on every call. The baselines send the same header, so
 * neither side pays for token handling in figures 1 and 3.
 */
final class StaticToken implements HttpStage {
  static final String HEADER = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzY29wZSI6WyJjYWxtLWFwaSJdfQ.c2lnbmF0dXJl";

  @Override
  public CalmResponse process(CalmRequest request, CallContext context, Next next) {
    return next.proceed(request.toBuilder().setHeader("Authorization", HEADER).build());
  }
}
