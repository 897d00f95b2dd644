package io.github.calmsdk.testkit.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/** The service keys a fake hands out, as JSON text. */
public final class ServiceKeys {
  private ServiceKeys() {}

  /** A Cloud ALM binding-secret key: {@code endpoints.Api} and {@code uaa}. */
  public static String calm(URI baseUri, Settings settings) {
    ObjectNode key = JsonNodeFactory.instance.objectNode();
    key.putObject("endpoints").put("Api", baseUri + "/api");
    ObjectNode uaa = key.putObject("uaa");
    uaa.put("url", baseUri + "/uaa");
    uaa.put("clientid", settings.clientId());
    uaa.put("clientsecret", settings.clientSecret());
    uaa.put("identityzone", "fake");
    uaa.put("credential-type", "binding-secret");
    return key.toString();
  }
}
