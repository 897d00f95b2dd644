package io.github.calmsdk.cli;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.features.FeaturesClient;

/**
 * What a command works with: where to write, its surroundings, and the client, built from the keys on first use (so
 * commands that need no key, such as {@code demo}, never read one). The client holds the service key and, when one
 * is given, the transport key; with only one key of either kind, that key is the client's only key. Closing the
 * context closes the client.
 */
final class Context implements AutoCloseable {
  /** Appended to the SDK's User-Agent. */
  static final String USER_AGENT = "calm-cli";

  private final Output output;
  private final Environment env;
  private final KeySource keySource;
  private final KeySource transportKeySource;
  private final boolean verbose;
  private ServiceKey key;
  private boolean keyRead;
  private ServiceKey transportKey;
  private boolean transportKeyRead;
  private CalmClient client;

  Context(Output output, Environment env, KeySource keySource, KeySource transportKeySource, boolean verbose) {
    this.output = output;
    this.env = env;
    this.keySource = keySource;
    this.transportKeySource = transportKeySource;
    this.verbose = verbose;
  }

  Output out() {
    return output;
  }

  Environment env() {
    return env;
  }

  boolean verbose() {
    return verbose;
  }

  /** Where the service key comes from. */
  KeySource keySource() {
    return keySource;
  }

  /** Where the transport key comes from. */
  KeySource transportKeySource() {
    return transportKeySource;
  }

  /**
   * The service key, read once: null when only a transport key is given.
   *
   * @throws UsageException when no key at all is given
   */
  ServiceKey serviceKey() {
    if (!keyRead) {
      if (keySource.given() || !transportKeySource.given()) {
        key = keySource.load();
      }
      keyRead = true;
    }
    return key;
  }

  /** The transport key, read once: null when none is given. */
  ServiceKey transportKey() {
    if (!transportKeyRead) {
      if (transportKeySource.given()) {
        transportKey = transportKeySource.load();
      }
      transportKeyRead = true;
    }
    return transportKey;
  }

  /** The client for the keys, built once. */
  CalmClient client() {
    if (client == null) {
      ServiceKey service = serviceKey();
      ServiceKey transport = transportKey();
      client = service == null ? clientFor(transport, null, env) : clientFor(service, transport, env);
    }
    return client;
  }

  /**
   * The Features API, which needs a Cloud ALM key as the service key; checked before anything is sent.
   *
   * @throws UsageException when the client has only a Cloud Transport Management key
   */
  FeaturesClient features() {
    CalmClient c = client();
    if (!c.hasFeatures()) {
      String which = serviceKey() == null
          ? "only a transport key is given (" + transportKeySource.option() + ", " + transportKeySource.describe() + ")"
          : "the service key (" + keySource.describe() + ") is a Cloud Transport Management key, which serves the"
              + " transport commands only";
      throw UsageException.withoutUsage(
          "the features commands need a Cloud ALM service key (with endpoints.Api); " + which,
          "pass the Cloud ALM key with " + KeySource.OPTION + " FILE (or " + KeySource.VARIABLE + "), and the Cloud"
              + " Transport Management key with " + KeySource.TRANSPORT_OPTION + " FILE (or "
              + KeySource.TRANSPORT_VARIABLE + ")");
    }
    return c.features();
  }

  /**
   * A client as the command line builds it: the environment's way of waiting, its own User-Agent, and the transport
   * key next to the service key when it is not null.
   */
  static CalmClient clientFor(ServiceKey key, ServiceKey transportKey, Environment env) {
    CalmClient.Builder b = CalmClient.builder().serviceKey(key).sleeper(env.sleeper()).userAgentSuffix(USER_AGENT);
    if (transportKey != null) {
      b.transportKey(transportKey);
    }
    return b.build();
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
