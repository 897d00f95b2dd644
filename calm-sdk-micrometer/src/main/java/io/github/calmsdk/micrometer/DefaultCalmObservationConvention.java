package io.github.calmsdk.micrometer;

import io.github.calmsdk.core.event.AttemptEnded;
import io.github.calmsdk.core.event.CallEnded;
import io.github.calmsdk.core.event.CallInfo;
import io.github.calmsdk.micrometer.CalmObservationDocumentation.RequestHighCardinalityKeys;
import io.github.calmsdk.micrometer.CalmObservationDocumentation.RequestKeys;
import io.github.calmsdk.micrometer.internal.TagValues;
import io.micrometer.common.KeyValues;

/**
 * The keys of {@code calm.client.requests} as {@link CalmObservationDocumentation} lists them: low-cardinality
 * {@code operation}, {@code http.request.method}, {@code http.response.status_code}, {@code outcome}, {@code
 * error.type}, {@code server.address}, {@code server.port}; high-cardinality {@code request.id}, {@code
 * url.template}, {@code url.full}. The contextual name (a span's name) is {@code "<method> <url template>"}, as
 * OpenTelemetry names HTTP client spans. Before the call ends the status, outcome and error are the latest
 * attempt's, so the attempt and retry counters carry them; never a token, a secret, a header or a body.
 *
 * <pre>{@code
 * CalmListener listener = ObservationCalmListener.builder(registry)
 *     .convention(new DefaultCalmObservationConvention())
 *     .build();
 * }</pre>
 */
public class DefaultCalmObservationConvention implements CalmObservationConvention {
  /** Creates the convention; it holds no state, so one instance serves every call. */
  public DefaultCalmObservationConvention() {}

  @Override
  public KeyValues getLowCardinalityKeyValues(CalmRequestContext context) {
    CallInfo call = context.call();
    String status;
    String outcome;
    String errorType;
    CallEnded end = context.ended().orElse(null);
    AttemptEnded attempt = context.lastAttempt().orElse(null);
    if (end != null) {
      status = TagValues.status(end.status());
      outcome = end.outcome().name();
      errorType = TagValues.errorType(end.failure(), end.status());
    } else if (attempt != null) {
      status = TagValues.status(attempt.status());
      outcome = TagValues.attemptOutcome(attempt.status());
      errorType = TagValues.errorType(attempt.failure(), attempt.status());
    } else {
      status = CalmObservationDocumentation.NONE;
      outcome = CalmObservationDocumentation.UNKNOWN;
      errorType = CalmObservationDocumentation.NONE;
    }
    return KeyValues.of(
        RequestKeys.OPERATION.withValue(call.operation()),
        RequestKeys.METHOD.withValue(call.method()),
        RequestKeys.STATUS.withValue(status),
        RequestKeys.OUTCOME.withValue(outcome),
        RequestKeys.ERROR_TYPE.withValue(errorType),
        RequestKeys.SERVER_ADDRESS.withValue(call.serverAddress()),
        RequestKeys.SERVER_PORT.withValue(TagValues.port(call.serverPort(), call.url())));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(CalmRequestContext context) {
    CallInfo call = context.call();
    return KeyValues.of(
        RequestHighCardinalityKeys.REQUEST_ID.withValue(call.requestId()),
        RequestHighCardinalityKeys.URL_TEMPLATE.withValue(call.urlTemplate()),
        RequestHighCardinalityKeys.URL_FULL.withValue(TagValues.withoutUserInfo(call.url())));
  }

  @Override
  public String getContextualName(CalmRequestContext context) {
    return context.call().method() + " " + context.call().urlTemplate();
  }
}
