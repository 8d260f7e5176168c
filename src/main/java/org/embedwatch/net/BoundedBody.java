package org.embedwatch.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A response body read into memory, at most {@code max} bytes of it: past that the rest is not read and the body is
 * marked truncated. Every chunk read is counted to the exchange's {@link TransferLimits.Watch}.
 *
 * @param bytes the body as received, cut at the limit
 * @param truncated whether more was sent than the limit let through
 */
record BoundedBody(byte[] bytes, boolean truncated) {
  /** Arrays are never larger than this in the JVM. */
  static final int LARGEST_ARRAY = Integer.MAX_VALUE - 8;
  private static final int CHUNK = 65536;

  /** Reads {@code in} to its end or to one byte past {@code max} (whichever is first). */
  static BoundedBody read(InputStream in, long max, TransferLimits.Watch watch) throws IOException {
    int limit = (int) Math.min(max, LARGEST_ARRAY - 1);
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
    boolean truncated = length > limit;
    return new BoundedBody(Arrays.copyOf(buf, Math.min(length, limit)), truncated);
  }
}
