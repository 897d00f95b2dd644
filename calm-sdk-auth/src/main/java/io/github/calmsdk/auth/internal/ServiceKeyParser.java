package io.github.calmsdk.auth.internal;

import io.github.calmsdk.core.internal.Urls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.calmsdk.auth.CredentialType;
import io.github.calmsdk.auth.ServiceKeyKind;
import io.github.calmsdk.core.error.CalmValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Cloud ALM service key from JSON text, in the shapes users paste: the bare key, the key wrapped in an outer
 * object (such as {@code {"credentials": {...}}} of a binding, or {@code VCAP_SERVICES}), and the output of {@code
 * cf service-key} with its "Getting key ..." line in front. Every error names the JSON path as it is in the text
 * and what was expected, and never quotes a secret.
 */
public final class ServiceKeyParser {
  private static final int MAX_DEPTH = 5;
  private static final String CTMS_EXAMPLE =
      "\"https://transport-service-app-backend.ts.cfapps.<region>.hana.ondemand.com\"";

  private ServiceKeyParser() {}

  /**
   * What a service key holds.
   *
   * @param kind the shape: a Cloud ALM key ({@code endpoints.Api}) or a CTMS key ({@code uri})
   * @param apiBase {@code endpoints.Api} (or a CTMS key's {@code uri}) without trailing slashes
   * @param uaaUrl {@code uaa.url}, or null (x509 keys may lack it)
   * @param certUrl {@code uaa.certurl}, or null
   * @param tokenUri the token URL
   * @param clientId {@code uaa.clientid}
   * @param clientSecret {@code uaa.clientsecret}, or null; a secret
   * @param identityZone {@code uaa.identityzone}, or null
   * @param credentialTypeName {@code uaa.credential-type} as given, or null
   * @param credentialType the credential type
   * @param usesCertificate whether the token call authenticates with the certificate
   * @param certificateChain the client certificate chain, empty unless x509
   * @param privateKey the private key, or null; a secret
   */
  public record Parsed(
      ServiceKeyKind kind,
      URI apiBase,
      URI uaaUrl,
      URI certUrl,
      URI tokenUri,
      String clientId,
      String clientSecret,
      String identityZone,
      String credentialTypeName,
      CredentialType credentialType,
      boolean usesCertificate,
      List<X509Certificate> certificateChain,
      PrivateKey privateKey) {

    /** Secrets are never printed. */
    @Override
    public String toString() {
      return "Parsed[" + clientId + " at " + tokenUri + "]";
    }
  }

  /**
   * Reads a key.
   *
   * @param text the JSON text
   * @param source where the text came from, for messages (such as "file /keys/calm.json"); never the text itself
   * @return the key
   * @throws CalmValidationException naming the JSON path and what was expected
   */
  public static Parsed parse(String text, String source) {
    return new ServiceKeyParser.Run(source).parse(text);
  }

  private static final class Run {
    private final String source;

    Run(String source) {
      this.source = source;
    }

    Parsed parse(String text) {
      if (text == null || text.isBlank()) {
        throw fail(
            "service key",
            "is empty; expected the service key JSON ({\"uaa\": {...}, \"endpoints\": {...}}) as shown by the BTP"
                + " cockpit or 'cf service-key'");
      }
      String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
      int start = t.indexOf('{');
      if (start < 0) {
        throw fail(
            "service key",
            "is not JSON: expected an object starting with '{' ({\"uaa\": {...}, \"endpoints\": {...}})");
      }
      JsonNode root;
      try {
        root = Json.MAPPER.readTree(t.substring(start));
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = "";
        if (at != null && at.getLineNr() > 0) {
          int line = at.getLineNr() + (int) t.substring(0, start).chars().filter(c -> c == '\n').count();
          where = " at line " + line + ", column " + at.getColumnNr();
        }
        // Jackson's own message quotes the input, which may be a secret: only the position is reported.
        throw fail(
            "service key",
            "is not valid JSON" + where + "; check that the whole key was copied, quotes and closing braces"
                + " included");
      }
      if (root == null || !root.isObject()) {
        throw fail("service key", "expected a JSON object, found " + Json.kind(root));
      }
      Located key = locate(root);
      return read(key.node(), key.prefix());
    }

    private Located locate(JsonNode root) {
      if (root.has("uaa")) {
        return new Located(root, "");
      }
      List<Located> found = new ArrayList<>();
      search(root, "", 0, found);
      if (found.size() == 1) {
        return found.get(0);
      }
      if (found.isEmpty()) {
        throw fail(
            "uaa",
            "missing; expected the service key JSON with \"uaa\" and \"endpoints\" sections, bare or wrapped as"
                + " {\"credentials\": {...}}");
      }
      List<String> where = new ArrayList<>();
      found.forEach(l -> where.add(l.prefix().isEmpty() ? "$" : l.prefix().substring(0, l.prefix().length() - 1)));
      throw fail(
          "service key",
          "holds " + found.size() + " service keys (at " + String.join(", ", where) + "); pass only the one to use");
    }

    private void search(JsonNode node, String path, int depth, List<Located> found) {
      if (depth > MAX_DEPTH) {
        return;
      }
      if (node.isObject()) {
        if (!path.isEmpty() && node.has("uaa") && node.get("uaa").isObject()) {
          found.add(new Located(node, path + "."));
          return;
        }
        for (Map.Entry<String, JsonNode> f : node.properties()) {
          search(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), depth + 1, found);
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          search(node.get(i), path + "[" + i + "]", depth + 1, found);
        }
      }
    }

    private Parsed read(JsonNode key, String p) {
      JsonNode uaa = key.get("uaa");
      if (uaa == null || !uaa.isObject()) {
        throw fail(p + "uaa", "expected an object with url, clientid and clientsecret, found " + Json.kind(uaa));
      }
      String clientId = string(uaa, "clientid", p + "uaa.clientid", true, false);
      if (clientId == null) {
        throw fail(
            p + "uaa.clientid",
            "missing; expected the client id of the binding, such as \"my-instance!b123|sapcloudalm!b456\"");
      }
      String typeName = string(uaa, "credential-type", p + "uaa.credential-type", false, false);
      String zone = string(uaa, "identityzone", p + "uaa.identityzone", false, false);
      String secret = string(uaa, "clientsecret", p + "uaa.clientsecret", false, true);
      String certificate = string(uaa, "certificate", p + "uaa.certificate", false, true);
      String privateKey = string(uaa, "key", p + "uaa.key", false, true);

      CredentialType type;
      if (typeName != null) {
        type = CredentialType.fromValue(typeName);
      } else {
        type = certificate != null && privateKey != null && secret == null
            ? CredentialType.X509
            : CredentialType.INSTANCE_SECRET;
      }
      boolean usesCertificate =
          type == CredentialType.X509
              || (type == CredentialType.OTHER && secret == null && certificate != null && privateKey != null);

      URI uaaUrl = url(uaa, "url", p + "uaa.url", false);
      URI certUrl = url(uaa, "certurl", p + "uaa.certurl", false);
      List<X509Certificate> chain = List.of();
      PrivateKey pk = null;
      URI tokenBase;
      if (usesCertificate) {
        String why = " (uaa.credential-type is x509: the key must carry certificate, key and certurl)";
        if (certificate == null) {
          throw fail(p + "uaa.certificate", "missing; expected the PEM client certificate chain" + why);
        }
        if (privateKey == null) {
          throw fail(p + "uaa.key", "missing; expected the PEM private key of the certificate" + why);
        }
        if (certUrl == null) {
          throw fail(
              p + "uaa.certurl",
              "missing; expected the mTLS token host, such as"
                  + " \"https://<subdomain>.authentication.cert.eu10.hana.ondemand.com\"" + why);
        }
        chain = Pem.certificates(certificate, p + "uaa.certificate");
        pk = Pem.privateKey(privateKey, p + "uaa.key");
        Pem.requireMatch(pk, chain.get(0), p + "uaa.key");
        tokenBase = certUrl;
      } else {
        if (secret == null) {
          throw fail(
              p + "uaa.clientsecret",
              "missing; expected the client secret of the binding (for an mTLS key, uaa.credential-type must be"
                  + " x509, with certificate, key and certurl)");
        }
        if (uaaUrl == null) {
          throw fail(
              p + "uaa.url",
              "missing; expected the token host, such as \"https://<subdomain>.authentication.eu10.hana.ondemand.com\"");
        }
        tokenBase = uaaUrl;
      }

      JsonNode endpoints = key.get("endpoints");
      ServiceKeyKind kind = ServiceKeyKind.CLOUD_ALM;
      URI apiBase;
      if ((endpoints == null || endpoints.isNull()) && key.hasNonNull("uri")) {
        // a Cloud Transport Management service instance key: {"uri": ..., "uaa": {...}}, as Project Piper reads it
        kind = ServiceKeyKind.TRANSPORT_MANAGEMENT;
        apiBase = url(key, "uri", p + "uri", true);
        if (apiBase == null) {
          throw fail(p + "uri", "is blank; expected the transport management service URL, such as " + CTMS_EXAMPLE);
        }
      } else {
        apiBase = cloudAlmApi(endpoints, p);
      }
      return new Parsed(
          kind,
          apiBase,
          uaaUrl,
          certUrl,
          tokenUri(tokenBase),
          clientId,
          secret,
          zone,
          typeName,
          type,
          usesCertificate,
          chain,
          pk);
    }

    private URI cloudAlmApi(JsonNode endpoints, String p) {
      if (endpoints == null || !endpoints.isObject()) {
        throw fail(
            p + "endpoints",
            "expected an object with the API base URL, {\"Api\": \"https://<tenant>.<region>.alm.cloud.sap/api\"}"
                + " (a Cloud ALM key), or a top-level \"uri\" (a Cloud Transport Management service key, such as "
                + CTMS_EXAMPLE + "), found " + Json.kind(endpoints));
      }
      String apiField = "Api";
      Iterator<String> names = endpoints.fieldNames();
      while (names.hasNext()) {
        String n = names.next();
        if (n.equalsIgnoreCase("api")) {
          apiField = n;
          break;
        }
      }
      URI apiBase = url(endpoints, apiField, p + "endpoints." + apiField, true);
      if (apiBase == null) {
        throw fail(
            p + "endpoints.Api",
            "missing; expected the API base URL of the key, such as \"https://<tenant>.<region>.alm.cloud.sap/api\"");
      }
      return apiBase;
    }

    /** A string field; blank counts as absent. Secrets are never quoted, and nothing else is quoted either. */
    private String string(JsonNode parent, String field, String path, boolean required, boolean secret) {
      JsonNode n = parent.get(field);
      if (n == null || n.isNull()) {
        return null;
      }
      if (!n.isTextual()) {
        throw fail(path, "expected a string, found " + Json.kind(n) + (required ? "" : "; remove it or make it a string"));
      }
      String v = secret ? n.asText() : n.asText().trim();
      return v.isBlank() ? null : v;
    }

    private URI url(JsonNode parent, String field, String path, boolean api) {
      String v = string(parent, field, path, false, false);
      if (v == null) {
        return null;
      }
      URI u;
      try {
        u = new URI(v);
      } catch (URISyntaxException e) {
        throw fail(path, "is not a valid URL; expected " + example(api));
      }
      if (!u.isAbsolute() || u.getHost() == null) {
        throw fail(path, "is not an absolute URL with a host; expected " + example(api));
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !(scheme.equals("http") && Urls.isLoopback(u.getHost()))) {
        throw fail(
            path,
            "uses " + scheme + "://" + u.getHost() + "; the SDK calls only https URLs (plain http is accepted for"
                + " loopback hosts such as localhost, for local fakes)");
      }
      if (u.getRawUserInfo() != null) {
        throw fail(path, "must not contain user info (user:password@); expected " + example(api));
      }
      String s = u.toString();
      int end = s.length();
      while (end > 0 && s.charAt(end - 1) == '/') {
        end--;
      }
      return URI.create(s.substring(0, end));
    }

    private static String example(boolean api) {
      return api
          ? "\"https://<tenant>.<region>.alm.cloud.sap/api\""
          : "\"https://<subdomain>.authentication.<region>.hana.ondemand.com\"";
    }

    private CalmValidationException fail(String path, String problem) {
      return new CalmValidationException(path, problem + " [" + source + "]");
    }
  }

  private static URI tokenUri(URI base) {
    String s = base.getScheme() + "://" + base.getRawAuthority() + (base.getRawPath() == null ? "" : base.getRawPath());
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return URI.create(s.endsWith("/oauth/token") ? s : s + "/oauth/token");
  }

  private record Located(JsonNode node, String prefix) {}
}
