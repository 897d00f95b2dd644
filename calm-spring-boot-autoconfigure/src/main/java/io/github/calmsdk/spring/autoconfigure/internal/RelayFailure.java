package io.github.calmsdk.spring.autoconfigure.internal;

import java.util.Optional;

/**
 * What stopped the relay's thread, for the health indicator; a type that names no relay class, so the indicator can
 * ask without calm-sdk-relay on the class path.
 *
 * <pre>{@code
 * relayLifecycle.failure().ifPresent(reason -> System.out.println("relay stopped: " + reason));
 * }</pre>
 */
public interface RelayFailure {
  /**
   * Why the relay stopped on its own.
   *
   * @return the failure's class and message; empty while it runs, before it starts, and after a normal stop
   */
  Optional<String> failure();
}
