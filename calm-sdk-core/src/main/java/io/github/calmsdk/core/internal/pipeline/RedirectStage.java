package io.github.calmsdk.core.internal.pipeline;

import io.github.calmsdk.core.http.CalmRequest;
import io.github.calmsdk.core.http.CalmResponse;
import io.github.calmsdk.core.http.CallContext;
import io.github.calmsdk.core.http.HttpStage;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Follows redirects of GET and HEAD calls, up to a limit. A redirect to another origin (scheme, host or port) drops
 * the Authorization header, so the bearer token never reaches another host; other redirects are returned as they
 * are and become errors.
 */
public final class RedirectStage implements HttpStage {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final int maxRedirects;

  /**
   * Creates the stage.
   *
   * @param maxRedirects the most hops to follow
   */
  public RedirectStage(int maxRedirects) {
    this.maxRedirects = maxRedirects;
  }

  @Override
  public CalmResponse process(CalmRequest request, CallContext context, Next next) {
    CalmRequest current = request;
    CalmResponse response = next.proceed(current);
    int hops = 0;
    while (REDIRECTS.contains(response.status())
        && ("GET".equals(current.method()) || "HEAD".equals(current.method()))
        && hops < maxRedirects) {
      Optional<String> location = response.header("Location");
      if (location.isEmpty()) {
        return response;
      }
      URI target;
      try {
        target = current.uri().resolve(location.get().trim());
      } catch (IllegalArgumentException e) {
        return response;
      }
      CalmRequest.Builder b = current.toBuilder().uri(target);
      if (!sameOrigin(current.uri(), target)) {
        b.removeHeader("Authorization");
        b.removeHeader("Cookie");
      }
      current = b.build();
      hops++;
      response = next.proceed(current);
    }
    return response;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
        && Objects.equals(lower(a.getHost()), lower(b.getHost()))
        && port(a) == port(b);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
