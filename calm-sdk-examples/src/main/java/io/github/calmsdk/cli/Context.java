package io.github.calmsdk.cli;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;

/**
 * What a command works with: where to write, its surroundings, and the client, built from the service key on first
 * use (so commands that need no key, such as {@code demo}, never read one). Closing it closes the client.
 */
final class Context implements AutoCloseable {
  /** Appended to the SDK's User-Agent. */
  static final String USER_AGENT = "calm-cli";

  private final Output output;
  private final Environment env;
  private final KeySource keySource;
  private final boolean verbose;
  private ServiceKey key;
  private CalmClient client;

  Context(Output output, Environment env, KeySource keySource, boolean verbose) {
    this.output = output;
    this.env = env;
    this.keySource = keySource;
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

  KeySource keySource() {
    return keySource;
  }

  /** The service key, read once. */
  ServiceKey serviceKey() {
    if (key == null) {
      key = keySource.load();
    }
    return key;
  }

  /** The client for the service key, built once. */
  CalmClient client() {
    if (client == null) {
      client = clientFor(serviceKey(), env);
    }
    return client;
  }

  /** A client as the command line builds it: the environment's way of waiting, and its own User-Agent. */
  static CalmClient clientFor(ServiceKey key, Environment env) {
    return CalmClient.builder().serviceKey(key).sleeper(env.sleeper()).userAgentSuffix(USER_AGENT).build();
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
