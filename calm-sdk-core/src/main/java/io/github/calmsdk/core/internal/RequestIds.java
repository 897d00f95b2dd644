package io.github.calmsdk.core.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs from the calling thread's {@link ThreadLocalRandom}: a request id needs to be unique, not
 * unpredictable, and {@link UUID#randomUUID()} pays for a shared {@code SecureRandom} on every call.
 */
public final class RequestIds {
  private RequestIds() {}

  /**
   * A new request id.
   *
   * @return a random UUID string
   */
  public static String next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(msb, lsb).toString();
  }
}
