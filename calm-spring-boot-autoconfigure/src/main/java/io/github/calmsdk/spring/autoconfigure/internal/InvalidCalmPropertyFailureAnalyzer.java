package io.github.calmsdk.spring.autoconfigure.internal;

import io.github.calmsdk.spring.autoconfigure.InvalidCalmPropertyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidCalmPropertyException} into Spring Boot's "APPLICATION FAILED TO START" report. Listed in
 * {@code META-INF/spring.factories}; Boot calls it.
 *
 * <pre>{@code
 * FailureAnalysis a = new InvalidCalmPropertyFailureAnalyzer().analyze(startupFailure);   // null when not ours
 * }</pre>
 */
public final class InvalidCalmPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCalmPropertyException> {
  /** Created by Spring Boot. */
  public InvalidCalmPropertyFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidCalmPropertyException cause) {
    return new FailureAnalysis(
        "Property " + cause.property() + " " + cause.problem(),
        "Fix " + cause.property() + " in the application's configuration (application.properties, an environment"
            + " variable such as " + cause.property().toUpperCase(java.util.Locale.ROOT).replace('.', '_')
            .replace("-", "") + ", or a command line argument).",
        cause);
  }
}
