package io.github.calmsdk.core.http;

import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.ClientContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.retry.RetryPolicy;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TlsHandshakeTest {
  /** A server that reads the TLS ClientHello and hangs up: the handshake fails before any request byte is sent. */
  @Test
  void aFailedTlsHandshakeMeansNothingWasSentSoAPostIsNotAmbiguous() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
            connections.incrementAndGet();
            in.read(new byte[512]);
          } catch (Exception e) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      HttpPipeline p = ClientContext.builder().retryPolicy(RetryPolicy.none()).build().pipeline();
      URI uri = URI.create("https://localhost:" + server.getLocalPort() + "/v2/nodes/export");
      assertThatThrownBy(() -> p.send(CalmRequest.post(uri).jsonBody("{}".getBytes()).build()))
          .isInstanceOf(CalmTransportException.class)
          .isNotInstanceOf(CalmAmbiguousOutcomeException.class)
          .hasMessageContaining("TLS handshake failed")
          .satisfies(e -> assertThat(((CalmTransportException) e).requestMayHaveBeenSent()).isFalse());
      assertThat(connections.get()).isGreaterThanOrEqualTo(1);
    }
  }
}
