package io.github.calmsdk.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming {@code multipart/form-data} reader (RFC 7578): parts are read through a small buffer, so a big file is
 * never held in memory.
 */
final class Multipart {
  /** A malformed body. */
  static final class MalformedException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /** One part: its headers and a stream of its content that ends at the next boundary. */
  static final class Part {
    final Map<String, String> headers;
    final InputStream content;

    Part(Map<String, String> headers, InputStream content) {
      this.headers = headers;
      this.content = content;
    }

    String name() {
      return dispositionParams().get("name");
    }

    String filename() {
      return dispositionParams().get("filename");
    }

    String contentType() {
      return headers.get("content-type");
    }

    private Map<String, String> dispositionParams() {
      String cd = headers.get("content-disposition");
      return cd == null ? Map.of() : params(cd);
    }
  }

  private static final int MAX_HEADER_LINE = 8192;
  private static final int MAX_HEADERS = 64;

  private final InputStream in;
  private final byte[] delimiter;
  private final byte[] buf;
  private int pos;
  private int lim;
  private boolean eof;
  private boolean finished;
  private boolean regionDone;
  private boolean delimiterFound;
  private int dataEnd;

  Multipart(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.buf = new byte[Math.max(64 * 1024, delimiter.length * 4)];
    // the first delimiter has no leading CRLF: pretend there is one, so the preamble is an ordinary region
    buf[0] = '\r';
    buf[1] = '\n';
    lim = 2;
  }

  /** The boundary parameter of a multipart Content-Type, or null. */
  static String boundary(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return null;
    }
    String b = params(contentType).get("boundary");
    return b == null || b.isEmpty() || b.length() > 200 ? null : b;
  }

  /** The next part, or null after the closing delimiter. The previous part's content is skipped. */
  Part next() throws IOException {
    if (finished) {
      return null;
    }
    byte[] skip = new byte[8192];
    while (readData(skip, 0, skip.length) >= 0) {
      // drain the rest of the previous part or the preamble
    }
    int a = readRaw();
    int b = readRaw();
    if (a == '-' && b == '-') {
      finished = true;
      return null;
    }
    while (a == ' ' || a == '\t') {
      a = b;
      b = readRaw();
    }
    if (a != '\r' || b != '\n') {
      throw new MalformedException("a boundary is not followed by CRLF");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; ; i++) {
      if (i > MAX_HEADERS) {
        throw new MalformedException("too many part headers");
      }
      String line = readLine();
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new MalformedException("a part header without a colon");
      }
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    regionDone = false;
    delimiterFound = false;
    dataEnd = pos;
    return new Part(headers, new PartStream());
  }

  private final class PartStream extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      return readData(b, off, len);
    }
  }

  /** Reads content up to the next delimiter; -1 once the delimiter has been consumed. */
  private int readData(byte[] b, int off, int len) throws IOException {
    if (regionDone) {
      return -1;
    }
    while (true) {
      if (pos < dataEnd) {
        int n = Math.min(len, dataEnd - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
      }
      if (delimiterFound) {
        pos += delimiter.length;
        regionDone = true;
        delimiterFound = false;
        return -1;
      }
      int idx = indexOf(pos);
      if (idx >= 0) {
        dataEnd = idx;
        delimiterFound = true;
        continue;
      }
      int safe = lim - (delimiter.length - 1);
      if (safe > pos) {
        dataEnd = safe;
        continue;
      }
      if (eof) {
        throw new MalformedException("the body ends without a closing boundary");
      }
      fill();
      dataEnd = pos;
    }
  }

  private int indexOf(int from) {
    byte first = delimiter[0];
    int last = lim - delimiter.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (buf[i] != first) {
        continue;
      }
      for (int j = 1; j < delimiter.length; j++) {
        if (buf[i + j] != delimiter[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
    }
    int n = in.read(buf, lim, buf.length - lim);
    if (n < 0) {
      eof = true;
    } else {
      lim += n;
    }
  }

  private int readRaw() throws IOException {
    while (pos >= lim) {
      if (eof) {
        throw new MalformedException("the body ends inside part headers");
      }
      fill();
    }
    return buf[pos++] & 0xff;
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int c = readRaw();
      if (c == '\r') {
        int d = readRaw();
        if (d != '\n') {
          throw new MalformedException("CR without LF in part headers");
        }
        return line.toString(StandardCharsets.UTF_8);
      }
      if (line.size() >= MAX_HEADER_LINE) {
        throw new MalformedException("a part header line is too long");
      }
      line.write(c);
    }
  }

  /** Parameters of a header value such as {@code form-data; name="file"; filename="a.mtar"} (keys lower case). */
  static Map<String, String> params(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = value.indexOf(';');
    while (i >= 0 && i < value.length()) {
      i++;
      while (i < value.length() && value.charAt(i) == ' ') {
        i++;
      }
      int eq = value.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      int j = eq + 1;
      StringBuilder v = new StringBuilder();
      if (j < value.length() && value.charAt(j) == '"') {
        j++;
        while (j < value.length() && value.charAt(j) != '"') {
          char c = value.charAt(j);
          if (c == '\\' && j + 1 < value.length()) {
            j++;
            c = value.charAt(j);
          }
          v.append(c);
          j++;
        }
        j++;
        i = value.indexOf(';', j);
      } else {
        int semi = value.indexOf(';', j);
        v.append((semi < 0 ? value.substring(j) : value.substring(j, semi)).trim());
        i = semi;
      }
      out.putIfAbsent(key, v.toString());
      if (i < 0) {
        break;
      }
    }
    return out;
  }
}
