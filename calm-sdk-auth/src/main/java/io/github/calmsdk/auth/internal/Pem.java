package io.github.calmsdk.auth.internal;

import io.github.calmsdk.core.error.CalmValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM certificate chain and private key of an X.509 service key with the JDK alone: PKCS#8 keys ({@code
 * BEGIN PRIVATE KEY}, RSA or EC) and PKCS#1 RSA keys ({@code BEGIN RSA PRIVATE KEY}). Error messages name the field
 * and never quote the key.
 */
public final class Pem {
  private static final Pattern CERTIFICATE =
      Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);
  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----(.*?)-----END \\1PRIVATE KEY-----", Pattern.DOTALL);
  /** DER of the AlgorithmIdentifier {rsaEncryption, NULL}. */
  private static final byte[] RSA_ALGORITHM = {
    0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
  };

  private Pem() {}

  /**
   * Reads every certificate of a PEM text, leaf first as in the key.
   *
   * @param pem the PEM text; literal {@code \n} sequences (from a key pasted into a shell) are taken as newlines
   * @param field the JSON path for errors
   * @return the chain, at least one certificate
   * @throws CalmValidationException when there is no certificate or one cannot be read
   */
  public static List<X509Certificate> certificates(String pem, String field) {
    String text = normalise(pem);
    Matcher m = CERTIFICATE.matcher(text);
    List<X509Certificate> chain = new ArrayList<>();
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
    int index = 0;
    while (m.find()) {
      byte[] der = base64(m.group(1), field, "certificate " + (index + 1));
      try {
        chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      } catch (CertificateException | ClassCastException e) {
        throw new CalmValidationException(
            field,
            "certificate " + (index + 1) + " of the PEM chain cannot be read as X.509 ("
                + e.getClass().getSimpleName() + "); copy the certificate field from the key again, unchanged",
            null);
      }
      index++;
    }
    if (chain.isEmpty()) {
      throw new CalmValidationException(
          field,
          "expected the client certificate chain in PEM form (-----BEGIN CERTIFICATE----- ...), found none");
    }
    return List.copyOf(chain);
  }

  /**
   * Reads an unencrypted private key: PKCS#8 (RSA or EC) or PKCS#1 RSA.
   *
   * @param pem the PEM text
   * @param field the JSON path for errors
   * @return the key
   * @throws CalmValidationException when the key is missing, encrypted, of another format or unreadable
   */
  public static PrivateKey privateKey(String pem, String field) {
    String text = normalise(pem);
    Matcher m = PRIVATE_KEY.matcher(text);
    if (!m.find()) {
      throw new CalmValidationException(
          field,
          "expected an unencrypted private key in PEM form (-----BEGIN PRIVATE KEY----- or "
              + "-----BEGIN RSA PRIVATE KEY-----), found none");
    }
    String kind = m.group(1).trim();
    byte[] der = base64(m.group(2), field, "the private key");
    switch (kind) {
      case "":
        return pkcs8(der, field);
      case "RSA":
        return rsa(wrapPkcs1(der), field, "PKCS#1 RSA");
      case "ENCRYPTED":
        throw new CalmValidationException(
            field,
            "the private key is encrypted; the SDK needs it unencrypted, as BTP issues it in the service key "
                + "(decrypt it with: openssl pkcs8 -in key.pem -nocrypt -topk8)");
      default:
        throw new CalmValidationException(
            field,
            "private keys of the form -----BEGIN " + kind + " PRIVATE KEY----- are not supported; convert it to "
                + "PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
    }
  }

  /**
   * Checks that an RSA private key belongs to the certificate's public key; other algorithms are not checked here
   * (the TLS handshake fails for them instead).
   *
   * @param key the private key
   * @param certificate the leaf certificate
   * @param field the JSON path for errors
   * @throws CalmValidationException when they do not belong together
   */
  public static void requireMatch(PrivateKey key, X509Certificate certificate, String field) {
    PublicKey pub = certificate.getPublicKey();
    if (key instanceof RSAPrivateKey && pub instanceof RSAPublicKey) {
      if (!((RSAPrivateKey) key).getModulus().equals(((RSAPublicKey) pub).getModulus())) {
        throw new CalmValidationException(
            field,
            "the private key does not belong to the first certificate of uaa.certificate; "
                + "copy certificate and key from the same service key");
      }
    } else if (!key.getAlgorithm().equals(pub.getAlgorithm())) {
      throw new CalmValidationException(
          field,
          "the private key is " + key.getAlgorithm() + " but the certificate's key is " + pub.getAlgorithm()
              + "; copy certificate and key from the same service key");
    }
  }

  private static PrivateKey pkcs8(byte[] der, String field) {
    for (String algorithm : new String[] {"RSA", "EC", "EdDSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // try the next algorithm
      }
    }
    throw new CalmValidationException(
        field, "the PKCS#8 private key cannot be read as RSA, EC or EdDSA; copy the key field from the key again");
  }

  private static PrivateKey rsa(byte[] pkcs8, String field, String what) {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CalmValidationException(
          field, "the " + what + " private key cannot be read; copy the key field from the key again", null);
    }
  }

  /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }. */
  static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM);
    body.write(0x04);
    writeLength(body, pkcs1.length);
    body.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    writeLength(out, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
      return;
    }
    int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
    out.write(0x80 | bytes);
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((length >>> (8 * i)) & 0xff);
    }
  }

  private static byte[] base64(String body, String field, String what) {
    try {
      return Base64.getMimeDecoder().decode(body.replaceAll("\\s+", ""));
    } catch (IllegalArgumentException e) {
      throw new CalmValidationException(
          field, what + " is not valid base64 inside its PEM markers; copy the field from the key again");
    }
  }

  private static String normalise(String pem) {
    return pem == null ? "" : pem.replace("\\r", "").replace("\\n", "\n");
  }
}
