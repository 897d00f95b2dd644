package io.github.calmsdk.cli;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.relay.Relay;
import io.github.calmsdk.relay.RelayOptions;
import io.github.calmsdk.relay.RelayStore;
import java.net.URI;

/**
 * An open relay store and the relay on it, for one relay command; closing it closes the store (and the offline
 * client, when there is one). A command that sends ({@code run}, {@code watch}) uses the context's client, built
 * from the service key. A command that only stores or reads entries ({@code submit}, {@code list}, {@code
 * requeue}) reads no key: its relay gets an offline client whose API and token host are under {@code .invalid}, a
 * top-level domain that never resolves, so even a call made by mistake could not leave the machine.
 */
final class RelaySession implements AutoCloseable {
  /** The host of the offline client: {@code .invalid} is reserved never to resolve (RFC 6761). */
  static final URI OFFLINE = URI.create("https://calm-relay-offline.invalid");

  private final RelayStore store;
  private final Relay relay;
  private final CalmClient offline;
  private boolean closed;

  private RelaySession(RelayStore store, Relay relay, CalmClient offline) {
    this.store = store;
    this.relay = relay;
    this.offline = offline;
  }

  /** A session on the store that sends with the context's client (which reads the service key). */
  static RelaySession sending(Context context, RelayStoreOption option, RelayOptions options) {
    CalmClient client = context.client();
    return open(client, null, option.location(context.env()), options);
  }

  /** A session on the store that sends nothing and reads no key. */
  static RelaySession storeOnly(Context context, RelayStoreOption option) {
    String location = option.location(context.env());
    CalmClient offline = CalmClient.builder()
        .serviceKey(ServiceKey.ofClientCredentials(OFFLINE, OFFLINE, "calm-relay-offline", "none"))
        .userAgentSuffix(Context.USER_AGENT)
        .build();
    return open(offline, offline, location, RelayOptions.defaults());
  }

  private static RelaySession open(CalmClient client, CalmClient offline, String location, RelayOptions options) {
    RelayStore store;
    try {
      store = RelayStore.open(location);
    } catch (RuntimeException e) {
      if (offline != null) {
        offline.close();
      }
      throw e;
    }
    try {
      return new RelaySession(store, Relay.builder().client(client).store(store).options(options).build(), offline);
    } catch (RuntimeException e) {
      store.close();
      if (offline != null) {
        offline.close();
      }
      throw e;
    }
  }

  Relay relay() {
    return relay;
  }

  RelayStore store() {
    return store;
  }

  /** Closes the store; closing it again does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    relay.close();
    store.close();
    if (offline != null) {
      offline.close();
    }
  }
}
