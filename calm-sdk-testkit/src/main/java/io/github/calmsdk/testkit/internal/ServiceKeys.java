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

  /**
   * A service key of a Cloud Transport Management service instance: top-level {@code uri} (TMS is served at
   * {@code {uri}/v2/...}) and {@code uaa} with the fields a real CTMS key carries.
   */
  public static String ctms(URI baseUri, Settings settings) {
    ObjectNode key = JsonNodeFactory.instance.objectNode();
    ObjectNode uaa = key.putObject("uaa");
    uaa.put("clientid", settings.clientId());
    uaa.put("clientsecret", settings.clientSecret());
    uaa.put("url", baseUri + "/uaa");
    uaa.put("identityzone", "fake");
    uaa.put("identityzoneid", "fake-zone-id");
    uaa.put("tenantid", "fake-zone-id");
    uaa.put("tenantmode", "dedicated");
    uaa.put("uaadomain", baseUri.getHost());
    uaa.put("xsappname", "fake-ctms!b1|alm-ts-backend!b2");
    uaa.put("credential-type", "binding-secret");
    key.put("uri", baseUri + TmsApi.CTMS_PREFIX);
    return key.toString();
  }
}
