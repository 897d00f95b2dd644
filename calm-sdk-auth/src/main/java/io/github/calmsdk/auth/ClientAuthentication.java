package io.github.calmsdk.auth;

/**
 * How the client proves its identity to the token endpoint with a client secret. Keys of type {@link
 * CredentialType#X509} authenticate with their certificate instead, and ignore this setting.
 *
 * <pre>{@code
 * CalmCredentials creds = CalmCredentials.builder(key).clientAuthentication(ClientAuthentication.FORM).build();
 * }</pre>
 */
public enum ClientAuthentication {
  /**
   * HTTP Basic, {@code Authorization: Basic base64(clientid:clientsecret)} with both values as UTF-8 exactly as in
   * the key (the default). This is what XSUAA expects and what curl, SAP's samples and every Cloud ALM client send.
   * It does not form-encode the values first as RFC 6749 section 2.3.1 asks, because XSUAA does not decode them;
   * against a server that does, use {@link #FORM}.
   */
  BASIC,
  /**
   * {@code client_id} and {@code client_secret} as form fields in the request body, form-encoded; every server
   * decodes these, whatever characters the id and secret hold.
   */
  FORM
}
