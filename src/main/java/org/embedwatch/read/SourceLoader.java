package org.embedwatch.read;

import static org.embedwatch.read.UnreadableInputException.unreadable;
import static org.embedwatch.read.UnreadableInputException.unsupported;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;

/**
 * Loads the bytes of one input (an http(s) URL, a file, stdin), never more than {@code read.max-bytes} of them:
 * a gzip or deflate Content-Encoding and a gzip file are undone through a bounded read, so a compression bomb stops at
 * the limit. Thread-safe.
 */
final class SourceLoader {
  private static final String ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
      + "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.5";
  private static final String RAISE = "raise it with --set read.max-bytes=N if the input is genuine";

  private final HttpFetcher http;
  private final long maxBytes;

  SourceLoader(HttpFetcher http, long maxBytes) {
    this.http = http;
    this.maxBytes = maxBytes;
  }

  /** Parses an input that looks like a URL; only http(s) with a host is accepted. */
  static URI parseUrl(String given) {
    URI uri;
    try {
      uri = new URI(given.trim());
    } catch (URISyntaxException e) {
      throw unreadable("malformed URL: " + e.getReason(), "give an http(s) URL or a file path");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw unsupported("URL scheme '" + scheme + "'", "give an http(s) URL or a file path");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw unreadable("malformed URL: no host", "give an http(s) URL");
    }
    return uri;
  }

  Loaded url(URI uri) {
    Fetch fetch = http.getWhole(uri, Map.of("Accept", ACCEPT));
    if (fetch instanceof Fetch.Failure f) {
      throw unreadable("cannot fetch: " + f.kind().name().toLowerCase(Locale.ROOT) + " (" + f.message() + ")",
          f.kind() == Fetch.Kind.REFUSED_ADDRESS
              ? "an internal address is fetched only when net.allow-addresses allows it"
              : "check the address, the network or net.route." + uri.getHost());
    }
    Fetch.Response r = (Fetch.Response) fetch;
    if (r.status() < 200 || r.status() > 299) {
      throw unreadable("the server answered HTTP " + r.status(), "check the address");
    }
    if (r.truncated()) {
      throw unreadable("larger than net.max-body-bytes", "raise it with --set net.max-body-bytes=N");
    }
    byte[] body = contentDecoded(r.body(), r.header("Content-Encoding").orElse(""));
    Loaded loaded = new Loaded(uri.toString(), uri, r.finalUri(), body, uri.getPath(),
        r.header("Content-Type").orElse(null), r.warc());
    return unwrapped(bounded(loaded));
  }

  Loaded file(Path path) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = readAtMost(in);
    } catch (NoSuchFileException e) {
      throw unreadable("no such file", "give an existing file or an http(s) URL");
    } catch (IOException e) {
      throw new UnreadableInputException("cannot read: " + e.getMessage(), "check the file's permissions", e);
    }
    Path name = path.getFileName();
    return unwrapped(bounded(new Loaded(path.toString(), null, null, bytes,
        name == null ? null : name.toString(), null, null)));
  }

  Loaded stdin(InputStream in) {
    byte[] bytes;
    try {
      bytes = readAtMost(in);
    } catch (IOException e) {
      throw new UnreadableInputException("cannot read stdin: " + e.getMessage(), "check what is piped in", e);
    }
    Loaded loaded = unwrapped(bounded(new Loaded("-", null, null, bytes, null, null, null)));
    // What was piped in has no name of its own; its digest tells one piece of content from another in the store.
    return new Loaded("stdin:sha256:" + Sha256.of(loaded.bytes()).hex(), null, null, loaded.bytes(), null, null,
        null);
  }

  private Loaded bounded(Loaded loaded) {
    if (loaded.bytes().length > maxBytes) {
      throw unreadable("larger than read.max-bytes (" + maxBytes + " bytes)", RAISE);
    }
    return loaded;
  }

  /** Undoes a gzip file wrapper (magic 1f 8b) once; the name loses its ".gz". */
  private Loaded unwrapped(Loaded loaded) {
    byte[] b = loaded.bytes();
    if (b.length < 2 || (b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b) {
      return loaded;
    }
    byte[] inner = inflate(b, "gzip");
    String name = loaded.name();
    if (name != null && name.toLowerCase(Locale.ROOT).endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    return new Loaded(loaded.input(), loaded.url(), loaded.finalUrl(), inner, name, null, loaded.warc());
  }

  private byte[] contentDecoded(byte[] body, String contentEncoding) {
    byte[] current = body;
    String[] codings = contentEncoding.split(",");
    // Codings are listed in the order they were applied; undo them from the last.
    for (int i = codings.length - 1; i >= 0; i--) {
      String coding = codings[i].trim().toLowerCase(Locale.ROOT);
      switch (coding) {
        case "", "identity" -> { }
        case "gzip", "x-gzip", "deflate" -> current = inflate(current, coding);
        default -> throw unsupported("Content-Encoding '" + coding + "'",
            "the server sent an encoding we do not decode; save the page and give the file");
      }
    }
    return current;
  }

  private byte[] inflate(byte[] compressed, String coding) {
    try (InputStream in = coding.equals("deflate")
        ? new InflaterInputStream(new ByteArrayInputStream(compressed))
        : new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      byte[] out = in.readNBytes(limit());
      if (out.length > maxBytes) {
        throw unreadable("expands past read.max-bytes (" + maxBytes + " bytes) when decompressed", RAISE);
      }
      return out;
    } catch (IOException e) {
      throw new UnreadableInputException("corrupt " + coding + " data: " + e.getMessage(),
          "check the file or the server's compression", e);
    }
  }

  private byte[] readAtMost(InputStream in) throws IOException {
    return in.readNBytes(limit());
  }

  /** One byte more than the limit, so that "too large" can be told from "exactly at the limit". */
  private int limit() {
    return (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1);
  }
}
