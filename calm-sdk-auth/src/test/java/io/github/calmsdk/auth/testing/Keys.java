package io.github.calmsdk.auth.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Service key JSON and JWTs for tests. Every secret here is made up. */
public final class Keys {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String CLIENT_ID = "calm-inst!b123|sapcloudalm!b456";
  /** Holds $ = + / : and non-ASCII, as real secrets may. */
  public static final String SECRET = "s3cr$t=ab+cd/ef:gh€ü漢-9Zq";
  public static final String API = "https://acme.eu10.alm.cloud.sap/api";

  private Keys() {}

  /** A binding-secret key whose token host is {@code uaaUrl}. */
  public static ObjectNode secretKey(String uaaUrl) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("endpoints").put("Api", API + "/");
    ObjectNode uaa = root.putObject("uaa");
    uaa.put("url", uaaUrl);
    uaa.put("clientid", CLIENT_ID);
    uaa.put("clientsecret", SECRET);
    uaa.put("identityzone", "acme");
    uaa.put("credential-type", "binding-secret");
    uaa.put("xsappname", "calm-inst!b123|sapcloudalm!b456");
    uaa.put("uaadomain", "authentication.eu10.hana.ondemand.com");
    return root;
  }

  /** An x509 key: token calls go to {@code certUrl}. */
  public static ObjectNode x509Key(String certUrl, TestKeys keys, boolean pkcs1) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("endpoints").put("Api", API);
    ObjectNode uaa = root.putObject("uaa");
    uaa.put("url", "https://acme.authentication.eu10.hana.ondemand.com");
    uaa.put("certurl", certUrl);
    uaa.put("clientid", CLIENT_ID);
    uaa.put("identityzone", "acme");
    uaa.put("credential-type", "x509");
    uaa.put("certificate", keys.certificatePem());
    uaa.put("key", pkcs1 ? keys.pkcs1Pem() : keys.pkcs8Pem());
    return root;
  }

  /** An unsigned JWT with the given scopes and expiry (epoch seconds, 0 for none). */
  public static String jwt(List<String> scopes, long exp) {
    ObjectNode payload = JSON.createObjectNode();
    payload.putArray("scope").addAll(scopes.stream().map(JSON.getNodeFactory()::textNode).toList());
    payload.put("client_id", CLIENT_ID);
    if (exp > 0) {
      payload.put("exp", exp);
    }
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString("not-a-real-signature".getBytes(StandardCharsets.UTF_8));
  }

  /** A token response body. */
  public static String tokenResponse(String accessToken, long expiresIn, String scope) {
    ObjectNode r = JSON.createObjectNode();
    r.put("access_token", accessToken);
    r.put("token_type", "bearer");
    if (expiresIn >= 0) {
      r.put("expires_in", expiresIn);
    }
    if (scope != null) {
      r.put("scope", scope);
    }
    r.put("jti", "f00d");
    return r.toString();
  }
}
