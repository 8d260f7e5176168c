package org.embedwatch.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.embedwatch.evidence.Sha256;

/**
 * A response body as read, bounded twice: at most {@code held} bytes are kept in memory; a longer body is streamed on
 * to a temporary file (its first bytes included), hashed on the way, so that it can be archived whole without being
 * held; and nothing past {@code max} is kept at all (the body is then truncated). Every chunk read is counted to the
 * exchange's {@link TransferLimits.Watch}.
 *
 * @param bytes the body when it is held (cut at {@code max} when truncated), else empty
 * @param file the temporary file holding the body when it was too long to hold, else null; the caller deletes it
 * @param length how many bytes were kept (in {@code bytes} or in {@code file})
 * @param truncated whether more was sent than {@code max}
 * @param sha256 SHA-256 of what was kept
 */
record BoundedBody(byte[] bytes, Path file, long length, boolean truncated, Sha256 sha256) {
  /** No body at all. */
  static final BoundedBody EMPTY = new BoundedBody(new byte[0], null, 0, false, Sha256.of(new byte[0]));
  /** Arrays are never larger than this in the JVM. */
  static final int LARGEST_ARRAY = Integer.MAX_VALUE - 8;
  private static final int CHUNK = 65536;

  /** Whether the body was too long to hold and is in {@link #file()}. */
  boolean spilled() {
    return file != null;
  }

  /** Reads {@code in} as {@link #read(InputStream, long, long, TransferLimits.Watch)} does, holding up to max. */
  static BoundedBody read(InputStream in, long max, TransferLimits.Watch watch) throws IOException {
    return read(in, max, max, watch);
  }

  /**
   * Reads {@code in} to its end, or to one byte past {@code max}: in memory up to {@code held} bytes, past that into a
   * temporary file.
   */
  static BoundedBody read(InputStream in, long held, long max, TransferLimits.Watch watch) throws IOException {
    int limit = (int) Math.min(Math.min(held, max), LARGEST_ARRAY - 1);
    byte[] buf = new byte[Math.min(CHUNK, limit + 1)];
    int length = 0;
    while (true) {
      if (length == buf.length) {
        if (length > limit) {
          break;
        }
        buf = Arrays.copyOf(buf, (int) Math.min((long) limit + 1, Math.max(2L * buf.length, CHUNK)));
      }
      int n = in.read(buf, length, buf.length - length);
      if (n < 0) {
        break;
      }
      length += n;
      watch.counted(n);
    }
    if (length <= limit) {
      byte[] body = Arrays.copyOf(buf, length);
      return new BoundedBody(body, null, length, false, Sha256.of(body));
    }
    if (limit >= max) {
      byte[] body = Arrays.copyOf(buf, limit);
      return new BoundedBody(body, null, limit, true, Sha256.of(body));
    }
    return spill(buf, length, in, max, watch);
  }

  /** Writes the {@code length} bytes read so far and the rest of {@code in} (up to {@code max}) to a temporary file. */
  private static BoundedBody spill(byte[] first, int length, InputStream in, long max, TransferLimits.Watch watch)
      throws IOException {
    Path file = Files.createTempFile("embedwatch-body-", ".part");
    try {
      MessageDigest digest = Sha256.newDigest();
      long kept;
      boolean truncated = false;
      try (OutputStream out = Files.newOutputStream(file)) {
        out.write(first, 0, length);
        digest.update(first, 0, length);
        kept = length;
        byte[] buf = first.length >= CHUNK ? first : new byte[CHUNK];
        for (int n; (n = in.read(buf, 0, CHUNK)) != -1; ) {
          watch.counted(n);
          int keep = (int) Math.min(n, max - kept);
          out.write(buf, 0, keep);
          digest.update(buf, 0, keep);
          kept += keep;
          if (keep < n) {
            truncated = true;
            break;
          }
        }
      }
      return new BoundedBody(new byte[0], file, kept, truncated,
          new Sha256(HexFormat.of().formatHex(digest.digest())));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }
}
