package io.github.calmsdk.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Every log line written through SLF4J in this test JVM by the SDK's loggers, at every level down to TRACE, with the messages of any
 * attached exceptions and their causes. The capturing provider is registered by this test-jar's
 * META-INF/services, so any module whose tests depend on the core test-jar captures its logs here.
 */
public final class CapturedLogs {
  private static final int MAX_LINES = 200_000;
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static final List<String> LINES = new ArrayList<>();

  private CapturedLogs() {}

  static void add(String line) {
    LOCK.lock();
    try {
      if (LINES.size() >= MAX_LINES) {
        LINES.subList(0, MAX_LINES / 2).clear();
      }
      LINES.add(line);
    } finally {
      LOCK.unlock();
    }
  }

  /** All lines captured so far. */
  public static List<String> lines() {
    LOCK.lock();
    try {
      return List.copyOf(LINES);
    } finally {
      LOCK.unlock();
    }
  }

  /** All lines joined by newlines. */
  public static String text() {
    return lines().stream().collect(Collectors.joining("\n"));
  }

  /** Forgets the lines captured so far. */
  public static void clear() {
    LOCK.lock();
    try {
      LINES.clear();
    } finally {
      LOCK.unlock();
    }
  }
}
