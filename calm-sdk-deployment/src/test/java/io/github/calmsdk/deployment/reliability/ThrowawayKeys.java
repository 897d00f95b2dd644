package io.github.calmsdk.deployment.reliability;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A fresh RSA key pair and a self-signed certificate for it, made in the test JVM with the JDK alone (a small DER
 * writer), so that no private key is ever committed. Each call makes a new pair.
 */
final class ThrowawayKeys {
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  final KeyPair keyPair;
  final String certificatePem;
  final String privateKeyPem;

  private ThrowawayKeys(String commonName) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      this.keyPair = g.generateKeyPair();
      this.certificatePem = pem("CERTIFICATE", selfSigned(keyPair, commonName));
      this.privateKeyPem = pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static ThrowawayKeys generate(String commonName) {
    return new ThrowawayKeys(commonName);
  }

  static String pem(String type, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }

  private static byte[] selfSigned(KeyPair kp, String cn) throws GeneralSecurityException {
    byte[] sha256WithRsa = seq(oid("1.2.840.113549.1.1.11"), new byte[] {0x05, 0x00});
    byte[] name = seq(tlv(0x31, seq(oid("2.5.4.3"), tlv(0x0c, cn.getBytes(StandardCharsets.UTF_8)))));
    Instant now = Instant.now();
    byte[] validity =
        seq(
            tlv(0x17, UTC_TIME.format(now.minusSeconds(3600)).getBytes(StandardCharsets.US_ASCII)),
            tlv(0x17, UTC_TIME.format(now.plusSeconds(86_400L * 30)).getBytes(StandardCharsets.US_ASCII)));
    byte[] tbs =
        seq(
            tlv(0xa0, tlv(0x02, BigInteger.TWO.toByteArray())),
            tlv(0x02, BigInteger.valueOf(now.toEpochMilli()).toByteArray()),
            sha256WithRsa,
            name,
            validity,
            name,
            kp.getPublic().getEncoded());
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(kp.getPrivate());
    s.update(tbs);
    byte[] sig = s.sign();
    byte[] bits = new byte[sig.length + 1];
    System.arraycopy(sig, 0, bits, 1, sig.length);
    return seq(tbs, sha256WithRsa, tlv(0x03, bits));
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
}
