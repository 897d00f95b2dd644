package io.github.calmsdk.auth.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Throwaway RSA keys and self-signed or CA-issued certificates made in the test JVM with the JDK alone (a tiny DER writer), so
 * that no private key is ever committed. Each instance is a fresh key pair.
 */
public final class TestKeys {
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  public final KeyPair keyPair;
  public final byte[] certificateDer;
  public final String commonName;

  private TestKeys(String commonName, TestKeys issuer, boolean ca) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      this.keyPair = g.generateKeyPair();
      this.commonName = commonName;
      this.certificateDer =
          issuer == null
              ? certificate(keyPair, commonName, keyPair.getPrivate(), commonName, ca)
              : certificate(keyPair, commonName, issuer.keyPair.getPrivate(), issuer.commonName, ca);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static TestKeys generate(String commonName) {
    return new TestKeys(commonName, null, false);
  }

  /** A private CA: a self-signed certificate with basicConstraints cA=true, to issue others with {@link #signedBy}. */
  public static TestKeys certificateAuthority(String commonName) {
    return new TestKeys(commonName, null, true);
  }

  /** A fresh key pair with a certificate issued by {@code ca}, as a private CA issues server certificates. */
  public static TestKeys signedBy(TestKeys ca, String commonName) {
    return new TestKeys(commonName, ca, false);
  }

  /** The certificate as a JDK object. */
  public X509Certificate certificate() {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificateDer));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String certificatePem() {
    return pem("CERTIFICATE", certificateDer);
  }

  /** PKCS#8, {@code BEGIN PRIVATE KEY}. */
  public String pkcs8Pem() {
    return pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
  }

  /** PKCS#1, {@code BEGIN RSA PRIVATE KEY}: the inner structure of the PKCS#8 encoding. */
  public String pkcs1Pem() {
    return pem("RSA PRIVATE KEY", innerOctetString(keyPair.getPrivate().getEncoded()));
  }

  public static String pem(String type, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }

  private static byte[] certificate(KeyPair kp, String cn, PrivateKey issuerKey, String issuerCn, boolean ca)
      throws GeneralSecurityException {
    byte[] yes = tlv(0x01, new byte[] {(byte) 0xff});
    // extensions [3] { basicConstraints, critical, OCTET STRING { SEQUENCE { cA TRUE } } }
    byte[] extensions = ca ? tlv(0xa3, seq(seq(oid("2.5.29.19"), yes, tlv(0x04, seq(yes))))) : new byte[0];
    byte[] algorithm = seq(oid("1.2.840.113549.1.1.11"), new byte[] {0x05, 0x00});
    byte[] name = name(cn);
    byte[] issuer = name(issuerCn);
    Instant now = Instant.now();
    byte[] validity =
        seq(
            tlv(0x17, UTC_TIME.format(now.minusSeconds(3600)).getBytes(StandardCharsets.US_ASCII)),
            tlv(0x17, UTC_TIME.format(now.plusSeconds(86400L * 365)).getBytes(StandardCharsets.US_ASCII)));
    byte[] tbs =
        seq(
            tlv(0xa0, tlv(0x02, BigInteger.TWO.toByteArray())),
            tlv(0x02, BigInteger.valueOf(now.toEpochMilli()).toByteArray()),
            algorithm,
            issuer,
            validity,
            name,
            kp.getPublic().getEncoded(),
            extensions);
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(issuerKey);
    s.update(tbs);
    byte[] sig = s.sign();
    byte[] bits = new byte[sig.length + 1];
    System.arraycopy(sig, 0, bits, 1, sig.length);
    return seq(tbs, algorithm, tlv(0x03, bits));
  }

  private static byte[] name(String cn) {
    return seq(tlv(0x31, seq(oid("2.5.4.3"), tlv(0x0c, cn.getBytes(StandardCharsets.UTF_8)))));
  }

  private static byte[] seq(byte[]... parts) {
    return tlv(0x30, parts);
  }

  private static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      content.writeBytes(p);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = content.size();
    if (len < 0x80) {
      out.write(len);
    } else if (len <= 0xff) {
      out.write(0x81);
      out.write(len);
    } else {
      out.write(0x82);
      out.write(len >>> 8);
      out.write(len & 0xff);
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }

  private static byte[] oid(String dotted) {
    String[] p = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(p[0]) * 40 + Integer.parseInt(p[1]));
    for (int i = 2; i < p.length; i++) {
      long v = Long.parseLong(p[i]);
      int groups = 1;
      for (long t = v >>> 7; t > 0; t >>>= 7) {
        groups++;
      }
      for (int g = groups - 1; g >= 0; g--) {
        int b = (int) ((v >>> (7 * g)) & 0x7f);
        out.write(g == 0 ? b : b | 0x80);
      }
    }
    return tlv(0x06, out.toByteArray());
  }

  /** The content of the OCTET STRING of a PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER, SEQUENCE, OCTET STRING }. */
  private static byte[] innerOctetString(byte[] der) {
    int[] pos = {0};
    expect(der, pos, 0x30);
    readLength(der, pos);
    expect(der, pos, 0x02);
    int versionLength = readLength(der, pos);
    pos[0] += versionLength;
    expect(der, pos, 0x30);
    int algorithmLength = readLength(der, pos);
    pos[0] += algorithmLength;
    expect(der, pos, 0x04);
    int len = readLength(der, pos);
    byte[] out = new byte[len];
    System.arraycopy(der, pos[0], out, 0, len);
    return out;
  }

  private static void expect(byte[] der, int[] pos, int tag) {
    if ((der[pos[0]++] & 0xff) != tag) {
      throw new IllegalStateException("unexpected DER tag at " + (pos[0] - 1));
    }
  }

  private static int readLength(byte[] der, int[] pos) {
    int first = der[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int len = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      len = (len << 8) | (der[pos[0]++] & 0xff);
    }
    return len;
  }
}
