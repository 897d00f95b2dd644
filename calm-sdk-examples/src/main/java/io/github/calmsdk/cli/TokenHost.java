package io.github.calmsdk.cli;

import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmRateLimitException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.error.CalmUnavailableException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Tells a token that could not be fetched because the token host was not reachable (connection refused, DNS, TLS
 * handshake, timeout, HTTP 5xx or 429 after retries) from one the credentials were refused for, and says which
 * host, port and proxy were tried. The SDK reports both as a {@link CalmAuthException}; the network failure is its
 * cause (calm-sdk-auth's token client keeps the pipeline's exception type for that), or the answer's status.
 */
final class TokenHost {
  private TokenHost() {}

  /**
   * The network failure behind a failed token fetch.
   *
   * @param e any failure
   * @return the transport, timeout or unavailability failure (the cause, or the token failure itself for a 5xx or
   *     429 answer), or null when it is not a token fetch that failed for the network
   */
  static CalmException unreachable(Throwable e) {
    if (!(e instanceof CalmAuthException)) {
      return null;
    }
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof CalmTransportException || t instanceof CalmTimeoutException
          || t instanceof CalmUnavailableException || t instanceof CalmRateLimitException) {
        return (CalmException) t;
      }
    }
    int s = ((CalmAuthException) e).status();
    return s >= 500 || s == 429 ? (CalmException) e : null;
  }

  /**
   * What to do about an unreachable token host: its host and port, and the proxy the JVM used for it.
   *
   * @param auth the failed token fetch, whose details hold the token URL
   * @param network what {@link #unreachable} found
   * @param proxies the JVM's proxy selector (the CLI's client uses {@link ProxySelector#getDefault()})
   * @param env the environment variables, to notice an {@code HTTPS_PROXY} that Java does not read
   * @return the hint
   */
  static String hint(CalmException auth, CalmException network, ProxySelector proxies, Function<String, String> env) {
    URI uri = tokenUri(auth, network);
    // the failing key may be the service key or the transport key: name the field, which both have
    String where = uri == null ? "the token host (the key's uaa.url, or uaa.certurl for an X.509 key)"
        : "the token host " + uri.getHost() + " port " + port(uri) + " (the key's uaa.url, or uaa.certurl for an"
            + " X.509 key)";
    String proxy = uri == null ? "" : "; " + proxy(uri, proxies, env);
    if (network instanceof CalmTransportException) {
      String m = network.summary() == null ? "" : network.summary();
      if (m.startsWith("TLS")) {
        return "the TLS handshake with " + where + " failed: check uaa.url and the network" + proxy;
      }
      return "could not reach " + where + ": check the network and that uaa.url is right" + proxy;
    }
    if (network instanceof CalmTimeoutException) {
      return where + " did not answer in time: check the network" + proxy + "; or try again later";
    }
    return where + " is unavailable (HTTP " + network.status() + "); try again later";
  }

  /** Which proxy the JVM uses for the URI, and how to change it. */
  static String proxy(URI uri, ProxySelector proxies, Function<String, String> env) {
    String scheme = uri.getScheme() == null ? "https" : uri.getScheme().toLowerCase(Locale.ROOT);
    List<Proxy> chosen = proxies == null ? List.of() : proxies.select(uri);
    Proxy p = chosen.isEmpty() ? Proxy.NO_PROXY : chosen.get(0);
    if (p.type() != Proxy.Type.DIRECT) {
      return "the proxy " + p.address() + " is used (" + scheme + ".proxyHost, " + scheme + ".proxyPort): check"
          + " that it is up and lets " + uri.getHost() + " through";
    }
    String variable = scheme.toUpperCase(Locale.ROOT) + "_PROXY";
    boolean envProxy = present(env.apply(variable)) || present(env.apply(variable.toLowerCase(Locale.ROOT)));
    return "no proxy is used; if one is needed, start Java with -D" + scheme + ".proxyHost=HOST -D" + scheme
        + ".proxyPort=PORT (JAVA_TOOL_OPTIONS works)"
        + (envProxy ? "; " + variable + " is set, but Java does not read it" : "");
  }

  private static URI tokenUri(CalmException auth, CalmException network) {
    for (CalmException c : new CalmException[] {network, auth}) {
      String url = c.details() == null ? null : c.details().url();
      if (url != null) {
        try {
          URI u = URI.create(url.trim());
          if (u.getHost() != null) {
            return u;
          }
        } catch (IllegalArgumentException e) {
          // try the next one
        }
      }
    }
    return null;
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
