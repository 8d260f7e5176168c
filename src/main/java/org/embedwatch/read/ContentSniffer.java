package org.embedwatch.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.html.HtmlEncodingDetector;

/**
 * Content type and charset detection with Apache Tika: the bytes decide (magic), the name and declared type are
 * hints. Also used for media, where the file name must never decide the type. Thread-safe.
 */
public final class ContentSniffer {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final String OCTET_STREAM = "application/octet-stream";
  private static final int SNIFF_BYTES = 8192;
  private final Detector detector = new DefaultDetector();
  private final EncodingDetector htmlMeta = new HtmlEncodingDetector();
  private final StatisticalCharsetDetector statistics = new StatisticalCharsetDetector();

  /**
   * The media type of {@code bytes} (without parameters).
   *
   * @param name a file name or URL path, as a hint only, or null
   * @param declared a declared Content-Type, as a hint only, or null
   */
  public String mediaType(byte[] bytes, String name, String declared) {
    Metadata md = new Metadata();
    if (name != null) {
      md.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
    }
    if (declared != null && !declared.isBlank()) {
      md.set(Metadata.CONTENT_TYPE, declared);
    }
    // A TikaInputStream lets the container detectors look inside ZIP files (DOCX) instead of guessing from a stream.
    try (InputStream in = TikaInputStream.get(bytes)) {
      MediaType type = detector.detect(in, md);
      String base = type.getBaseType().toString();
      if ((base.startsWith("text/") || base.equals(OCTET_STREAM)) && looksBinary(bytes)) {
        return htmlDespiteNul(bytes, declared) ? htmlType(declared) : OCTET_STREAM;
      }
      return base;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot detect the type of " + name, e);
    }
  }

  /**
   * The media type of an input read as a possible article: as {@link #mediaType}, except that text in a legacy
   * single- or double-byte charset (which Tika alone calls {@code application/octet-stream} when no name or declared
   * type says "text") is {@code text/plain} when it decodes cleanly and holds no control characters.
   */
  String articleType(byte[] bytes, String name, String declared) {
    String type = mediaType(bytes, name, declared);
    if (!type.equals(OCTET_STREAM) || bytes.length == 0 || looksBinary(bytes)) {
      return type;
    }
    Charset charset = charset(bytes, "text/plain", declared);
    try {
      String text = charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      return text.chars().anyMatch(ContentSniffer::isControl) ? type : "text/plain";
    } catch (CharacterCodingException e) {
      return type;
    }
  }

  private static boolean isControl(int c) {
    return Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' && c != '\f';
  }

  /**
   * The charset of a text document: a valid charset declared by the server wins, then a byte order mark, then
   * (for HTML) the document's own meta declaration, then statistical detection ({@link StatisticalCharsetDetector});
   * UTF-8 when nothing decides. As in browsers, ISO-8859-1 and US-ASCII (declared or detected) are windows-1252.
   */
  public Charset charset(byte[] bytes, String mediaType, String declaredContentType) {
    return asBrowsersDo(detect(bytes, mediaType, declaredContentType));
  }

  /**
   * The WHATWG Encoding Standard's labels: ISO-8859-1 and US-ASCII mean windows-1252, so that bytes 0x80-0x9F are
   * curly quotes and dashes, never C1 control characters.
   */
  private static Charset asBrowsersDo(Charset charset) {
    return charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII)
        ? WINDOWS_1252 : charset;
  }

  private Charset detect(byte[] bytes, String mediaType, String declaredContentType) {
    Optional<Charset> declared = declaredCharset(declaredContentType);
    if (declared.isPresent()) {
      return declared.get();
    }
    Optional<Charset> bom = bom(bytes);
    if (bom.isPresent()) {
      return bom.get();
    }
    boolean html = mediaType.contains("html") || mediaType.contains("xml");
    if (html) {
      try (InputStream in = new ByteArrayInputStream(bytes)) {
        Charset meta = htmlMeta.detect(in, new Metadata());
        if (meta != null) {
          return meta;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read bytes in memory", e);
      }
    }
    return statistics.detect(bytes, html).orElse(StandardCharsets.UTF_8);
  }

  private static Optional<Charset> declaredCharset(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        String name = p.substring("charset=".length()).replace("\"", "").trim();
        try {
          return Optional.of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Charset> bom(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
      return Optional.of(StandardCharsets.UTF_8);
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
      return Optional.of(StandardCharsets.UTF_16BE);
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
      return Optional.of(StandardCharsets.UTF_16LE);
    }
    return Optional.empty();
  }

  /**
   * True when {@code bytes}, which hold a NUL, are still clearly an HTML page: declared HTML by the server, or starting
   * with a doctype or {@code <html>} (after a BOM and white space), and with control bytes (NUL and the C0 controls
   * other than white space and ESC) at most 1 in 64 of the first 8 KiB, or one. A stray NUL in a page then costs
   * nothing but itself (the HTML parser drops or replaces it); real binary data, which has many, stays binary.
   */
  private static boolean htmlDespiteNul(byte[] bytes, String declared) {
    if (!declaredHtml(declared) && !startsAsHtml(bytes)) {
      return false;
    }
    int n = Math.min(bytes.length, SNIFF_BYTES);
    int controls = 0;
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xff;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b) {
        controls++;
      }
    }
    return controls <= Math.max(1, n / 64);
  }

  private static boolean declaredHtml(String declared) {
    String base = declared == null ? "" : declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return base.equals("text/html") || base.equals("application/xhtml+xml");
  }

  /** {@code application/xhtml+xml} when the server declared it, else {@code text/html}. */
  private static String htmlType(String declared) {
    return declared != null && declared.toLowerCase(Locale.ROOT).contains("xhtml") ? "application/xhtml+xml"
        : "text/html";
  }

  /** Starts, after a UTF-8 BOM and ASCII white space, with {@code <!doctype html} or {@code <html} (any case). */
  private static boolean startsAsHtml(byte[] bytes) {
    int i = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf
        ? 3 : 0;
    while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r'
        || bytes[i] == '\f')) {
      i++;
    }
    String head = new String(bytes, i, Math.min(15, bytes.length - i), StandardCharsets.ISO_8859_1)
        .toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype html")
        || head.startsWith("<html") && (head.length() == 5 || " \t\n\r\f>".indexOf(head.charAt(5)) >= 0);
  }

  /** NUL bytes in the first 8 KiB (without a UTF-16 BOM) mean binary data, whatever the name says. */
  private static boolean looksBinary(byte[] bytes) {
    if (bom(bytes).isPresent()) {
      return false;
    }
    int n = Math.min(bytes.length, SNIFF_BYTES);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
