package org.embedwatch.read;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.embedwatch.Sha256;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;

/**
 * Reads one input (an http(s) URL or a local file) into an {@link ArticleCapture}: the bytes exactly as received,
 * Tika's type and charset, and the decoded text. Refuses what is not an article with a message that names the input.
 */
public final class ArticleReader {
  private static final Pattern URL_LIKE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
  private static final Set<String> ARTICLE_TYPES = Set.of(
      "text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-web-markdown");

  private final HttpFetcher http;
  private final ContentSniffer sniffer;
  private final long maxBytes;
  private final Clock clock;

  public ArticleReader(HttpFetcher http, ContentSniffer sniffer, long maxBytes, Clock clock) {
    this.http = http;
    this.sniffer = sniffer;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  /**
   * Reads {@code input}.
   *
   * @throws UnreadableInputException naming the input and what to do, when it cannot be read as an article
   */
  public ArticleCapture read(String input) {
    if (URL_LIKE.matcher(input).matches() && !looksLikeWindowsPath(input)) {
      return readUrl(input);
    }
    return readFile(input);
  }

  private static boolean looksLikeWindowsPath(String input) {
    return input.length() > 2 && input.charAt(1) == ':' && (input.charAt(2) == '\\' || input.charAt(2) == '/');
  }

  private ArticleCapture readUrl(String input) {
    URI uri;
    try {
      uri = new URI(input.trim());
    } catch (URISyntaxException e) {
      throw new UnreadableInputException("malformed URL '" + input + "': " + e.getReason()
          + " (give an http(s) URL or a file path)");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new UnreadableInputException("unsupported URL scheme '" + scheme + "' in '" + input
          + "' (give an http(s) URL or a file path)");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new UnreadableInputException("malformed URL '" + input + "': no host (give an http(s) URL)");
    }
    Fetch fetch = http.get(uri, Map.of("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"));
    if (fetch instanceof Fetch.Failure f) {
      throw new UnreadableInputException("cannot fetch " + input + ": " + f.kind().name().toLowerCase(Locale.ROOT)
          + " (" + f.message() + "); check the address, the network or net.route." + uri.getHost());
    }
    Fetch.Response r = (Fetch.Response) fetch;
    if (r.status() < 200 || r.status() > 299) {
      throw new UnreadableInputException("cannot read " + input + ": the server answered HTTP " + r.status()
          + " (check the address)");
    }
    if (r.truncated()) {
      throw new UnreadableInputException("cannot read " + input + ": larger than net.max-body-bytes ("
          + maxBytes + " bytes); raise it with --set net.max-body-bytes=N");
    }
    String declared = r.header("Content-Type").orElse(null);
    return decode(input, uri, r.body(), uri.getPath(), declared, r.warc());
  }

  private ArticleCapture readFile(String input) {
    Path path = Path.of(input).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new UnreadableInputException("no such file: " + input + " (give an existing file or an http(s) URL)");
    }
    if (Files.isDirectory(path)) {
      throw new UnreadableInputException(input + " is a directory (give the article files inside it)");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (IOException e) {
      throw new UnreadableInputException("cannot read " + input + ": " + e.getMessage()
          + " (check the file's permissions)", e);
    }
    if (bytes.length > maxBytes) {
      throw new UnreadableInputException("cannot read " + input + ": larger than net.max-body-bytes (" + maxBytes
          + " bytes); raise it with --set net.max-body-bytes=N");
    }
    return decode(path.toString(), null, bytes, path.getFileName().toString(), null, null);
  }

  private ArticleCapture decode(String input, URI url, byte[] bytes, String name, String declared,
      org.embedwatch.archive.WarcLocation warc) {
    if (bytes.length == 0) {
      throw new UnreadableInputException(input + " is empty (give an HTML or text article)");
    }
    String type = sniffer.mediaType(bytes, name, declared);
    if (!ARTICLE_TYPES.contains(type)) {
      throw new UnreadableInputException("not an article: " + input + " is " + type
          + " (give an HTML or plain-text article)");
    }
    Charset charset = sniffer.charset(bytes, type, declared);
    String text = new String(bytes, charset);
    return new ArticleCapture(input, url, bytes, Sha256.of(bytes), type, charset.name(), text, warc,
        clock.instant());
  }
}
