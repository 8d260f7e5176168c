package org.embedwatch.archive;

import org.embedwatch.evidence.WarcLocation;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.embedwatch.evidence.Sha256;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Writes every HTTP exchange to gzipped WARC files under one directory, rolling to a new file past a size limit. Each
 * file starts with a {@code warcinfo} record naming the software and the configuration. Thread-safe: writes are
 * serialized, so a request and its response stay adjacent.
 */
public final class WarcArchive implements ExchangeRecorder, Closeable {
  /** This machine's name as a WARC file name may hold it ({@link #machineName}). */
  private static final String MACHINE = machineName(hostName());
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Path dir;
  private final long maxFileBytes;
  private final Map<String, String> warcinfoFields;
  private final Clock clock;
  private final Opener opener;
  private WarcFile current;
  private ArchiveWriteException failure;
  private WarcWriter writer;
  private String fileName;
  private URI warcinfoId;
  private int sequence;

  /**
   * @param dir the WARC directory (created on first write)
   * @param maxFileBytes roll to a new file once the current one is past this size
   * @param warcinfoFields fields of each file's warcinfo record (software, configuration, …)
   */
  public WarcArchive(Path dir, long maxFileBytes, Map<String, String> warcinfoFields, Clock clock) {
    this(dir, maxFileBytes, warcinfoFields, clock,
        file -> FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
  }

  /** Opens a new WARC file for writing; tests pass one whose writes fail. */
  interface Opener {
    FileChannel open(Path file) throws IOException;
  }

  WarcArchive(Path dir, long maxFileBytes, Map<String, String> warcinfoFields, Clock clock, Opener opener) {
    this.opener = opener;
    this.dir = dir;
    this.maxFileBytes = maxFileBytes;
    this.warcinfoFields = new LinkedHashMap<>(warcinfoFields);
    this.clock = clock;
  }

  /**
   * Writes a request record and then a response record (or, when the exchange failed, a metadata record saying why),
   * and returns the location of the second one: the record that holds the evidence. Blocks and digests are computed
   * before the file lock is taken, so concurrent checks only queue for the compression and the write.
   */
  @Override
  public WarcLocation write(HttpExchangeRecord exchange) {
    try {
      byte[] requestBlock = requestBlock(exchange);
      Prepared response = exchange.response() == null ? null : prepare(exchange.response());
      URI requestId = newId();
      URI id = newId();
      synchronized (this) {
        return append(exchange, requestBlock, response, requestId, id);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write WARC record for " + exchange.targetUri() + " to " + dir, e);
    }
  }

  /**
   * Appends one exchange to the current file. When anything fails, the file is cut back to where the exchange started
   * and nothing more is written by this archive: the failure is the run's ({@link ArchiveWriteException}).
   */
  private WarcLocation append(HttpExchangeRecord exchange, byte[] requestBlock, Prepared response, URI requestId,
      URI id) {
    if (failure != null) {
      throw new ArchiveWriteException(failure.getMessage(), failure);
    }
    long start = 0;
    try {
      ensureOpen();
      start = current.position();
      writer.write(new WarcRequest.Builder(exchange.targetUri())
          .recordId(requestId)
          .date(exchange.date())
          .warcinfoId(warcinfoId)
          .body(MediaType.HTTP_REQUEST, requestBlock)
          .build());
      long offset = writer.position();
      if (response == null) {
        writer.write(failureRecord(exchange, id, requestId));
      } else {
        writeResponse(exchange, response, id, requestId);
      }
      WarcLocation location = new WarcLocation(fileName, offset, id);
      if (writer.position() > maxFileBytes) {
        closeCurrent();
      }
      return location;
    } catch (IOException | RuntimeException e) {
      throw fail(e, start);
    } catch (Error e) {
      fail(e, start);
      throw e;
    }
  }

  /**
   * Forces every record written so far to the disk, so that a database commit pointing at one never outlives it. Cheap
   * when nothing was written since the last call; callers at the same moment share one force.
   *
   * @throws ArchiveWriteException when the file cannot be forced (the run must stop)
   */
  public void sync() {
    WarcFile file;
    long upTo;
    synchronized (this) {
      if (failure != null) {
        throw new ArchiveWriteException(failure.getMessage(), failure);
      }
      file = current;
      if (file == null) {
        return;
      }
      upTo = file.position();
    }
    try {
      file.force(upTo);
    } catch (IOException e) {
      synchronized (this) {
        throw fail(e, -1);
      }
    }
    synchronized (this) {
      // Another caller's force of the same records may have failed while this one waited for the file.
      if (failure != null) {
        throw new ArchiveWriteException(failure.getMessage(), failure);
      }
    }
  }

  /**
   * Stops all writing after {@code e}: the current file is dropped, cut back to {@code wholeEnd} (negative: not cut,
   * its marker left for the next start), and every later write or sync throws the exception returned.
   */
  private ArchiveWriteException fail(Throwable e, long wholeEnd) {
    if (failure != null) {
      return new ArchiveWriteException(failure.getMessage(), failure);
    }
    WarcFile file = current;
    current = null;
    writer = null;
    String kept = "nothing after the last whole record was kept";
    if (file != null) {
      try {
        if (wholeEnd >= 0) {
          file.abandon(wholeEnd);
        } else {
          file.drop();
          kept = "the records written since the last sync may not be on the disk (the next run checks the file)";
        }
      } catch (IOException cut) {
        e.addSuppressed(cut);
        kept = "the file could not be cut back to its last whole record (" + cut.getMessage()
            + "): the next run cuts it";
      }
    }
    String where = file == null ? "WARC file in " + dir : "WARC file " + file.path();
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    failure = new ArchiveWriteException("cannot write " + where + ": " + reason + free()
        + "; the run stopped, " + kept, e);
    return failure;
  }

  /** The free space of the WARC directory's disk, as {@code " (12 KB free)"}, or "" when unknown. */
  private String free() {
    try {
      return " (" + ByteCount.of(Files.getFileStore(dir).getUsableSpace()) + " free)";
    } catch (IOException | RuntimeException unknown) {
      return "";
    }
  }

  /**
   * A response's HTTP head and digests, computed outside the lock. The record's block is the head followed by the
   * payload (from memory or from the file), written one after the other: never copied into one array.
   */
  private record Prepared(byte[] head, long payloadLength, byte[] blockDigest, byte[] payloadDigest) {}

  private static Prepared prepare(HttpExchangeRecord.Response r) throws IOException {
    if (r.bodyFile() == null) {
      byte[] head = responseHead(r, r.body().length);
      MessageDigest block = Sha256.newDigest();
      block.update(head);
      block.update(r.body());
      return new Prepared(head, r.body().length, block.digest(), Sha256.newDigest().digest(r.body()));
    }
    // Streamed from the file: the payload is never held in memory, so both digests are computed from the file.
    long length = Files.size(r.bodyFile());
    byte[] head = responseHead(r, length);
    MessageDigest block = Sha256.newDigest();
    block.update(head);
    MessageDigest payload = Sha256.newDigest();
    try (InputStream in = Files.newInputStream(r.bodyFile())) {
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) != -1; ) {
        block.update(buf, 0, n);
        payload.update(buf, 0, n);
      }
    }
    return new Prepared(head, length, block.digest(), payload.digest());
  }

  private void writeResponse(HttpExchangeRecord exchange, Prepared p, URI id, URI requestId) throws IOException {
    HttpExchangeRecord.Response r = exchange.response();
    WarcResponse.Builder b = new WarcResponse.Builder(exchange.targetUri())
        .recordId(id)
        .date(exchange.date())
        .warcinfoId(warcinfoId)
        .concurrentTo(requestId)
        .setHeader("WARC-Block-Digest", digestField(p.blockDigest()))
        .setHeader("WARC-Payload-Digest", digestField(p.payloadDigest()));
    if (exchange.routedTo() != null) {
      b.addHeader("WARC-Embedwatch-Routed-To", exchange.routedTo().toString());
    }
    if (r.truncated()) {
      b.addHeader("WARC-Truncated", "length");
    }
    InputStream payload = r.bodyFile() == null ? new ByteArrayInputStream(r.body())
        : Files.newInputStream(r.bodyFile());
    try (ReadableByteChannel channel = Channels.newChannel(new SequenceInputStream(
        new ByteArrayInputStream(p.head()), payload))) {
      writer.write(b.body(MediaType.HTTP_RESPONSE, channel, p.head().length + p.payloadLength()).build());
    }
  }

  private WarcRecord failureRecord(HttpExchangeRecord exchange, URI id, URI requestId) {
    byte[] text = ("embedwatch-exchange-failure: " + exchange.failure() + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
    WarcMetadata.Builder b = new WarcMetadata.Builder()
        .recordId(id)
        .date(exchange.date())
        .setHeader("WARC-Target-URI", exchange.targetUri().toString())
        .setHeader("WARC-Concurrent-To", "<" + requestId + ">")
        .setHeader("WARC-Block-Digest", digestField(Sha256.newDigest().digest(text)))
        .body(MediaType.parse("application/warc-fields"), text);
    if (exchange.routedTo() != null) {
      b.addHeader("WARC-Embedwatch-Routed-To", exchange.routedTo().toString());
    }
    return b.build();
  }

  /**
   * A digest field's value, {@code sha256:<base16>}: jwarc's own builder writes base32 with {@code =} padding, which
   * is not a token in the WARC grammar, so validators reject it; base16 is a token and every reader decodes it.
   */
  static String digestField(byte[] sha256) {
    return "sha256:" + java.util.HexFormat.of().formatHex(sha256);
  }

  private static byte[] requestBlock(HttpExchangeRecord exchange) {
    URI u = exchange.targetUri();
    String path = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    StringBuilder sb = new StringBuilder(exchange.method()).append(' ').append(path).append(" HTTP/1.1\r\n");
    sb.append("Host: ").append(u.getHost()).append("\r\n");
    for (Map.Entry<String, String> h : exchange.requestHeaders()) {
      if (!h.getKey().equalsIgnoreCase("Host")) {
        sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      }
    }
    sb.append("\r\n");
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The status line and headers, with {@code Content-Length} set to the payload's real length. The body is written as
   * it was received after transfer decoding, so framing headers ({@code Transfer-Encoding}, {@code Content-Length})
   * are replaced by the real length.
   */
  private static byte[] responseHead(HttpExchangeRecord.Response r, long length) {
    StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(r.status()).append(' ')
        .append(r.reason() == null ? "" : r.reason()).append("\r\n");
    for (Map.Entry<String, String> h : r.headers()) {
      String name = h.getKey();
      if (!name.equalsIgnoreCase("Transfer-Encoding") && !name.equalsIgnoreCase("Content-Length")) {
        sb.append(name).append(": ").append(h.getValue()).append("\r\n");
      }
    }
    sb.append("Content-Length: ").append(length).append("\r\n\r\n");
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private void ensureOpen() throws IOException {
    if (writer != null) {
      return;
    }
    PrivateFiles.createDirectories(dir);
    // The machine's name and a random part keep the names of workers on several machines sharing one archive apart;
    // should two names still meet, the file is created only if new (CREATE_NEW) and the next name is tried.
    while (current == null) {
      sequence++;
      fileName = "embedwatch-" + FILE_TIME.format(clock.instant()) + "-" + String.format("%05d", sequence) + "-"
          + MACHINE + "-" + UUID.randomUUID().toString().substring(0, 8) + ".warc.gz";
      if (!Files.exists(dir.resolve(fileName))) {
        try {
          current = WarcFile.create(dir, fileName, opener);
        } catch (FileAlreadyExistsException taken) {
          // Another worker made a file of this name since the check: try the next name.
        }
      }
    }
    writer = current.writer();
    warcinfoId = newId();
    Map<String, List<String>> map = new LinkedHashMap<>();
    warcinfoFields.forEach((k, v) -> map.put(k, List.of(v)));
    writer.write(new Warcinfo.Builder().recordId(warcinfoId).date(clock.instant()).filename(fileName)
        .fields(map).build());
  }

  /** The host name, for the WARC file names: the kernel's, else Java's, else {@code localhost}. */
  private static String hostName() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException | RuntimeException notLinux) {
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException unknown) {
        return "localhost";
      }
    }
  }

  /** {@code host}'s first label as a file name part: letters, digits and '-' only, at most 63 characters. */
  static String machineName(String host) {
    String label = host.split("\\.", 2)[0].replaceAll("[^A-Za-z0-9-]", "-");
    label = label.length() > 63 ? label.substring(0, 63) : label;
    return label.isEmpty() ? "localhost" : label;
  }

  private static URI newId() {
    return URI.create("urn:uuid:" + UUID.randomUUID());
  }

  private void closeCurrent() throws IOException {
    if (current != null) {
      WarcFile file = current;
      current = null;
      writer = null;
      file.close();
    }
  }

  @Override
  public synchronized void close() {
    try {
      closeCurrent();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close WARC file " + fileName + " in " + dir, e);
    }
  }
}
