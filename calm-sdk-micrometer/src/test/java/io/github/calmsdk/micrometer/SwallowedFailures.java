package io.github.calmsdk.micrometer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Catches what the adapter swallowed (it logs the class of each exception to {@code io.github.calmsdk.micrometer},
 * through System.Logger, which is java.util.logging here), so a test sees a failure that could not reach the call,
 * such as TestObservationRegistry's lifecycle validation. {@link #messages()} lists them; tests assert it empty.
 */
final class SwallowedFailures implements BeforeEachCallback, AfterEachCallback {
  private final Logger logger = Logger.getLogger("io.github.calmsdk.micrometer");
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
            Object[] p = r.getParameters();
            messages.add(p == null ? r.getMessage() : java.text.MessageFormat.format(r.getMessage(), p));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @Override
  public void beforeEach(ExtensionContext context) {
    messages.clear();
    logger.addHandler(handler);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    logger.removeHandler(handler);
  }

  /** What was swallowed since the test started. */
  List<String> messages() {
    return List.copyOf(messages);
  }
}
