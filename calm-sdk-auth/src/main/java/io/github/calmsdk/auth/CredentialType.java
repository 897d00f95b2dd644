package io.github.calmsdk.auth;

import java.util.Locale;

/**
 * The kind of credential a service key holds, from its {@code uaa.credential-type}. Values this SDK does not know
 * are kept as {@link #OTHER}, never rejected; {@link ServiceKey#credentialTypeName()} has the raw value.
 *
 * <pre>{@code
 * if (key.credentialType() == CredentialType.X509) {
 *   System.out.println("mTLS key; the client certificate expires " + key.certificateChain().get(0).getNotAfter());
 * }
 * }</pre>
 */
public enum CredentialType {
  /** {@code binding-secret}: a secret per binding or service key (BTP without Cloud Foundry). */
  BINDING_SECRET,
  /** {@code instance-secret}: one secret for the whole service instance (Cloud Foundry). */
  INSTANCE_SECRET,
  /** {@code x509}: a client certificate and private key; the token call uses mutual TLS. */
  X509,
  /** Any other value; the key is used with its secret, or with its certificate if it has no secret. */
  OTHER;

  /**
   * The type for a {@code uaa.credential-type} value, case and {@code -}/{@code _} insensitive.
   *
   * @param value the value from the key, such as {@code "binding-secret"}; not null
   * @return the type; {@link #OTHER} for values this SDK does not know
   */
  public static CredentialType fromValue(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    switch (v) {
      case "binding-secret":
        return BINDING_SECRET;
      case "instance-secret":
        return INSTANCE_SECRET;
      case "x509":
        return X509;
      default:
        return OTHER;
    }
  }
}
