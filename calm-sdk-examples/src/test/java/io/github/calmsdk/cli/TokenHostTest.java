package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmTimeoutException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.error.ErrorDetails;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Telling an unreachable token host from refused credentials, and naming the host, the port and the proxy. */
class TokenHostTest {
  private static final ErrorDetails TOKEN_CALL =
      new ErrorDetails(0, null, null, List.of(), "r-1", "POST", "https://tenant.authentication.eu10.hana.ondemand.com/oauth/token", 4, null);

  private static ProxySelector fixed(Proxy proxy) {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return List.of(proxy);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    };
  }

  private static CalmAuthException tokenFailure(Throwable cause) {
    return new CalmAuthException("could not get an access token", TOKEN_CALL, cause);
  }

  @Test
  void aRefusedConnectionBehindTheTokenFailureIsANetworkProblem() {
    CalmTransportException refused = new CalmTransportException("could not connect (ConnectException)", TOKEN_CALL,
        false, null);
    CalmAuthException e = tokenFailure(tokenFailure(refused));

    assertThat(TokenHost.unreachable(e)).isSameAs(refused);
    assertThat(ExitCode.of(e)).isEqualTo(ExitCode.UNAVAILABLE);
  }

  @Test
  void refusedCredentialsAreNotANetworkProblem() {
    ErrorDetails unauthorized = new ErrorDetails(401, "invalid_client", null, List.of(), null, "POST",
        "https://x/oauth/token", 1, null);
    CalmAuthException e = new CalmAuthException("token request failed", unauthorized, null);

    assertThat(TokenHost.unreachable(e)).isNull();
    assertThat(ExitCode.of(e)).isEqualTo(ExitCode.AUTH);
  }

  @Test
  void theHintNamesHostPortAndTheProxyInUse() {
    CalmTransportException refused = new CalmTransportException("could not connect", TOKEN_CALL, false, null);
    Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.corp", 3128));

    String hint = TokenHost.hint(tokenFailure(refused), refused, fixed(proxy), Map.<String, String>of()::get);

    assertThat(hint).startsWith("could not reach the token host tenant.authentication.eu10.hana.ondemand.com port 443")
        .contains("the proxy proxy.corp")
        .contains("3128")
        .contains("https.proxyHost");
  }

  @Test
  void withoutAProxyTheHintSaysHowToSetOneAndThatJavaIgnoresHttpsProxy() {
    CalmTimeoutException slow = new CalmTimeoutException("no complete answer within 10000 ms", TOKEN_CALL, null);

    String hint = TokenHost.hint(tokenFailure(slow), slow, fixed(Proxy.NO_PROXY),
        Map.of("HTTPS_PROXY", "http://proxy.corp:3128")::get);

    assertThat(hint).contains("did not answer in time")
        .contains("no proxy is used")
        .contains("-Dhttps.proxyHost=HOST -Dhttps.proxyPort=PORT")
        .contains("HTTPS_PROXY is set, but Java does not read it");
  }
}
