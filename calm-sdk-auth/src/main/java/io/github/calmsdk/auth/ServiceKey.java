package io.github.calmsdk.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.calmsdk.auth.internal.Json;
import io.github.calmsdk.auth.internal.ServiceKeyParser;
import io.github.calmsdk.core.error.CalmValidationException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A service key (or binding): where the API is, where tokens come from, and the client's credentials. Two shapes
 * are read, told apart by their fields ({@link #kind()}): a Cloud ALM key ({@code endpoints.Api} and {@code uaa})
 * and a Cloud Transport Management (CTMS) service instance key ({@code uri} and {@code uaa}, no {@code endpoints}).
 * Immutable and thread-safe. {@link #toString()} never shows the client secret or the private key, and no error
 * message quotes them.
 *
 * <p>Read from a file, a string or an environment variable, in the shapes users paste: the bare key, the key wrapped
 * in an outer object such as {@code {"credentials": {...}}} (a binding) or {@code VCAP_SERVICES}, and the output of
 * {@code cf service-key} including its "Getting key ..." line. Fields read:
 *
 * <ul>
 *   <li>{@code endpoints.Api}: the API base, used exactly as given (a trailing slash is dropped), never rebuilt
 *       from tenant and region; for a CTMS key, {@code uri}, the transport management service URL;
 *   <li>{@code uaa.url}, {@code uaa.clientid}, {@code uaa.clientsecret}, {@code uaa.identityzone}, {@code
 *       uaa.credential-type};
 *   <li>for {@code x509} keys, {@code uaa.certificate} (PEM chain), {@code uaa.key} (PEM private key: PKCS#8, or
 *       PKCS#1 RSA) and {@code uaa.certurl}.
 * </ul>
 *
 * The token URL is {@code uaa.url + "/oauth/token"}, or {@code uaa.certurl + "/oauth/token"} for x509 keys. URLs
 * must be https; plain http is accepted only for loopback hosts (local fakes).
 *
 * <pre>{@code
 * ServiceKey key = ServiceKey.fromEnvironment("CALM_SERVICE_KEY"); // the JSON itself, or the path of a file
 * URI features = URI.create(key.apiBase() + "/calm-features/v1/Features");
 * System.out.println(key); // ServiceKey[apiBase=https://eu10.alm.cloud.sap/api, ..., clientSecret=***]
 * }</pre>
 */
public final class ServiceKey {
  /** Larger files are not service keys; reading stops there. */
  private static final long MAX_FILE_BYTES = 1024 * 1024;

  private final ServiceKeyParser.Parsed p;

  private ServiceKey(ServiceKeyParser.Parsed parsed) {
    this.p = parsed;
  }

  /**
   * Reads a key from its JSON text.
   *
   * @param json the JSON, bare or wrapped
   * @return the key
   * @throws CalmValidationException when a field is missing or malformed; the message names its JSON path
   */
  public static ServiceKey fromJson(String json) {
    return new ServiceKey(ServiceKeyParser.parse(json, "service key JSON"));
  }

  /**
   * Reads a key from a file of UTF-8 JSON.
   *
   * @param path the file
   * @return the key
   * @throws CalmValidationException when the file cannot be read or a field is missing or malformed
   */
  public static ServiceKey fromFile(Path path) {
    Objects.requireNonNull(path, "path");
    return new ServiceKey(ServiceKeyParser.parse(read(path, path.toString()), "file " + path));
  }

  /**
   * Reads a key from an environment variable that holds either the JSON itself (it starts with <code>{</code>) or
   * the path of a file holding it ({@code ~/} is the user's home).
   *
   * @param variable the variable's name, such as {@code "CALM_SERVICE_KEY"}
   * @return the key
   * @throws CalmValidationException when the variable is unset, names no file, or holds a malformed key
   */
  public static ServiceKey fromEnvironment(String variable) {
    return fromEnvironment(variable, System::getenv);
  }

  /**
   * Reads a key from a named setting of another source, such as system properties ({@code System::getProperty}),
   * with the rules of {@link #fromEnvironment(String)}.
   *
   * @param variable the setting's name
   * @param lookup returns the setting's value, or null when unset
   * @return the key
   * @throws CalmValidationException when the setting is unset, names no file, or holds a malformed key
   */
  public static ServiceKey fromEnvironment(String variable, Function<String, String> lookup) {
    Objects.requireNonNull(variable, "variable");
    String value = lookup.apply(variable);
    if (value == null || value.isBlank()) {
      throw new CalmValidationException(
          variable, "is not set; set it to the service key JSON, or to the path of a file holding it");
    }
    String v = value.strip();
    if (v.startsWith("{") || v.startsWith("\uFEFF{")) {
      return new ServiceKey(ServiceKeyParser.parse(v, "environment variable " + variable));
    }
    Path path;
    try {
      path = Path.of(v.startsWith("~/") ? System.getProperty("user.home") + v.substring(1) : v);
    } catch (InvalidPathException e) {
      path = null;
    }
    if (path == null || !Files.isRegularFile(path)) {
      // the value is not shown: it may be a secret pasted into the wrong variable
      throw new CalmValidationException(
          variable,
          "is neither JSON (it does not start with '{') nor the path of an existing file; set it to the service"
              + " key JSON, or to the path of a file holding it");
    }
    String source = "file " + path + " (from " + variable + ")";
    return new ServiceKey(ServiceKeyParser.parse(read(path, variable + " -> " + path), source));
  }

  /**
   * A client-secret key from its parts, for keys kept elsewhere than in the JSON form.
   *
   * @param apiBase the API base, {@code endpoints.Api}
   * @param uaaUrl the token host, {@code uaa.url}
   * @param clientId the client id
   * @param clientSecret the client secret
   * @return the key, of type {@link CredentialType#BINDING_SECRET}
   * @throws CalmValidationException when a part is missing or a URL is not https (or http to a loopback host)
   */
  public static ServiceKey ofClientCredentials(URI apiBase, URI uaaUrl, String clientId, String clientSecret) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.putObject("endpoints").put("Api", apiBase == null ? null : apiBase.toString());
    ObjectNode uaa = root.putObject("uaa");
    uaa.put("url", uaaUrl == null ? null : uaaUrl.toString());
    uaa.put("clientid", clientId);
    uaa.put("clientsecret", clientSecret);
    uaa.put("credential-type", "binding-secret");
    return new ServiceKey(ServiceKeyParser.parse(root.toString(), "ServiceKey.ofClientCredentials"));
  }

  private static String read(Path path, String field) {
    try {
      if (!Files.isRegularFile(path)) {
        throw new CalmValidationException(field, "no such file; pass the path of the service key JSON file");
      }
      if (Files.size(path) > MAX_FILE_BYTES) {
        throw new CalmValidationException(
            field, "is larger than 1 MiB, which no service key is; pass the service key JSON file");
      }
      return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CalmValidationException(
          field, "cannot be read (" + e.getClass().getSimpleName() + "); check the path and its permissions", e);
    }
  }

  /**
   * Which service the key is for, from its shape.
   *
   * @return {@link ServiceKeyKind#CLOUD_ALM} or {@link ServiceKeyKind#TRANSPORT_MANAGEMENT}
   */
  public ServiceKeyKind kind() {
    return p.kind();
  }

  /**
   * The API base: {@code endpoints.Api} exactly as in the key, without trailing slash; for a CTMS key its {@code
   * uri}. Service paths are appended to it, such as {@code /calm-features/v1}, or {@code /v2} for a CTMS key.
   *
   * @return the API base
   */
  public URI apiBase() {
    return p.apiBase();
  }

  /**
   * The token URL: {@code uaa.url/oauth/token}, or {@code uaa.certurl/oauth/token} for x509 keys.
   *
   * @return the token URL
   */
  public URI tokenUri() {
    return p.tokenUri();
  }

  /**
   * {@code uaa.url}, the token host for secrets.
   *
   * @return the URL, empty when the key has none (possible for x509 keys)
   */
  public Optional<URI> uaaUrl() {
    return Optional.ofNullable(p.uaaUrl());
  }

  /**
   * {@code uaa.certurl}, the token host for mutual TLS.
   *
   * @return the URL, empty when the key has none
   */
  public Optional<URI> certUrl() {
    return Optional.ofNullable(p.certUrl());
  }

  /**
   * The client id, {@code uaa.clientid}, such as {@code my-instance!b123|sapcloudalm!b456}. Not a secret.
   *
   * @return the client id
   */
  public String clientId() {
    return p.clientId();
  }

  /**
   * The identity zone, {@code uaa.identityzone}: the subaccount's subdomain, which must belong to your tenant.
   *
   * @return the zone, empty when the key has none
   */
  public Optional<String> identityZone() {
    return Optional.ofNullable(p.identityZone());
  }

  /**
   * The credential type. When the key has no {@code uaa.credential-type}, this is {@link CredentialType#X509} if it
   * holds a certificate and key and no secret, otherwise {@link CredentialType#INSTANCE_SECRET} (what XSUAA issued
   * before credential types existed).
   *
   * @return the type
   */
  public CredentialType credentialType() {
    return p.credentialType();
  }

  /**
   * {@code uaa.credential-type} as written in the key.
   *
   * @return the value, empty when absent
   */
  public Optional<String> credentialTypeName() {
    return Optional.ofNullable(p.credentialTypeName());
  }

  /**
   * Whether the token call authenticates with the client certificate (mutual TLS) rather than a secret: true for
   * {@link CredentialType#X509}, and for {@link CredentialType#OTHER} keys with a certificate and no secret.
   *
   * @return true for certificate keys
   */
  public boolean usesCertificate() {
    return p.usesCertificate();
  }

  /**
   * Whether the key holds a client secret (its value is never exposed).
   *
   * @return true if it has one
   */
  public boolean hasClientSecret() {
    return p.clientSecret() != null;
  }

  /**
   * The client certificate chain of a certificate key, leaf first; client certificates are valid for about a year,
   * see {@link X509Certificate#getNotAfter()}.
   *
   * @return the chain, empty for secret keys
   */
  public List<X509Certificate> certificateChain() {
    return p.certificateChain();
  }

  /** The secret, for the token call only. */
  String clientSecret() {
    return p.clientSecret();
  }

  /** The private key, for the TLS context only. */
  PrivateKey privateKey() {
    return p.privateKey();
  }

  /** All fields but the secrets, which show as {@code ***}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ServiceKey[apiBase=").append(p.apiBase());
    sb.append(", tokenUri=").append(p.tokenUri());
    sb.append(", clientId=").append(p.clientId());
    if (p.identityZone() != null) {
      sb.append(", identityZone=").append(p.identityZone());
    }
    sb.append(", credentialType=").append(p.credentialType());
    if (p.clientSecret() != null) {
      sb.append(", clientSecret=***");
    }
    if (!p.certificateChain().isEmpty()) {
      X509Certificate leaf = p.certificateChain().get(0);
      sb.append(", certificate=")
          .append(leaf.getSubjectX500Principal().getName())
          .append(" until ")
          .append(leaf.getNotAfter().toInstant());
    }
    if (p.privateKey() != null) {
      sb.append(", privateKey=***");
    }
    return sb.append(']').toString();
  }
}
