package io.github.calmsdk.core.internal.pipeline;

import io.github.calmsdk.core.internal.SdkVersion;
import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.CallContext;
import io.github.calmsdk.core.http.HttpStage;

/** Sends {@code calm-sdk-java/VERSION (Java VERSION; OS)} and the caller's suffix. */
public final class UserAgentStage implements HttpStage {
  private final String userAgent;

  /**
   * Creates the stage.
   *
   * @param suffix a product token to append, or null
   */
  public UserAgentStage(String suffix) {
    String base =
        "calm-sdk-java/"
            + SdkVersion.get()
            + " (Java "
            + System.getProperty("java.version", "?")
            + "; "
            + System.getProperty("os.name", "?")
            + ")";
    String s = suffix == null || suffix.isBlank() ? base : base + " " + suffix.strip();
    this.userAgent = s.replaceAll("[\\r\\n]", " ");
  }

  /**
   * The header value sent.
   *
   * @return the user agent
   */
  public String userAgent() {
    return userAgent;
  }

  @Override
  public CalmResponse process(CalmRequest request, CallContext context, Next next) {
    return next.proceed(request.withHeader("User-Agent", userAgent));
  }
}
