package org.embedwatch.archive;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Where the whole records of a gzipped WARC file end: each record is one gzip member, so the file is walked member by
 * member (inflated, its CRC and length checked) up to the first one that does not end whole. Reads the whole file:
 * used only for files a crash may have left half-written.
 */
final class WarcTail {
  private WarcTail() {}

  /**
   * What walking a file found.
   *
   * @param wholeEnd where the last whole member ends (0 when there is none)
   * @param size the file's size
   * @param truncated true when the member after {@code wholeEnd} runs past the end of the file: what a crash in the
   *     middle of a write leaves, and what cutting the file at {@code wholeEnd} repairs
   * @param damage when the member at {@code wholeEnd} is not a valid gzip member (not a truncation), what is wrong
   *     with it, else null; such a file is not cut, since whole records may follow the damage
   */
  record Scan(long wholeEnd, long size, boolean truncated, String damage) {
    boolean whole() {
      return !truncated && damage == null;
    }
  }

  static Scan scan(FileChannel channel) throws IOException {
    long size = channel.size();
    Input in = new Input(channel);
    long memberStart = 0;
    Inflater inflater = new Inflater(true);
    try {
      while (in.position() < size) {
        memberStart = in.position();
        try {
          member(in, inflater);
        } catch (EOFException e) {
          return new Scan(memberStart, size, true, null);
        } catch (DataFormatException | IllegalStateException e) {
          return new Scan(memberStart, size, false, e.getMessage());
        }
      }
      return new Scan(in.position(), size, false, null);
    } finally {
      inflater.end();
    }
  }

  /** Reads one gzip member; its end is {@code in.position()} after. */
  private static void member(Input in, Inflater inflater) throws IOException, DataFormatException {
    if (in.read() != 0x1f || in.read() != 0x8b || in.read() != 8) {
      throw new IllegalStateException("not a gzip member (bad magic or method)");
    }
    int flags = in.read();
    in.skip(6); // mtime, extra flags, OS
    if ((flags & 4) != 0) {
      in.skip(in.read() | in.read() << 8);
    }
    if ((flags & 8) != 0) {
      while (in.read() != 0) {
        // the file name, up to its terminating zero
      }
    }
    if ((flags & 16) != 0) {
      while (in.read() != 0) {
        // the comment, up to its terminating zero
      }
    }
    if ((flags & 2) != 0) {
      in.skip(2);
    }
    inflater.reset();
    CRC32 crc = new CRC32();
    byte[] out = new byte[65536];
    while (!inflater.finished()) {
      if (inflater.needsInput()) {
        ByteBuffer b = in.fill();
        inflater.setInput(b.array(), b.position(), b.remaining());
      }
      int n = inflater.inflate(out);
      crc.update(out, 0, n);
      if (n == 0 && inflater.needsDictionary()) {
        throw new DataFormatException("a deflate stream that needs a dictionary");
      }
    }
    in.unread(inflater.getRemaining());
    long expectedCrc = in.readIntLe() & 0xffffffffL;
    long expectedSize = in.readIntLe() & 0xffffffffL;
    if (expectedCrc != crc.getValue()) {
      throw new IllegalStateException("CRC mismatch");
    }
    if (expectedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
      throw new IllegalStateException("uncompressed size mismatch");
    }
  }

  /** Buffered reading of a channel from its start, knowing the file offset of the next byte. */
  private static final class Input {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(65536);
    private long bufferStart;

    Input(FileChannel channel) {
      this.channel = channel;
      buffer.limit(0);
    }

    long position() {
      return bufferStart + buffer.position();
    }

    /** The buffer, refilled when empty, its unread bytes all handed over (they count as read). */
    ByteBuffer fill() throws IOException {
      if (!buffer.hasRemaining()) {
        refill();
      }
      ByteBuffer handed = buffer.duplicate();
      buffer.position(buffer.limit());
      return handed;
    }

    /** Gives back the last {@code n} bytes handed over by {@link #fill}. */
    void unread(int n) {
      buffer.position(buffer.position() - n);
    }

    int read() throws IOException {
      if (!buffer.hasRemaining()) {
        refill();
      }
      return buffer.get() & 0xff;
    }

    int readIntLe() throws IOException {
      return read() | read() << 8 | read() << 16 | read() << 24;
    }

    void skip(int n) throws IOException {
      for (int i = 0; i < n; i++) {
        read();
      }
    }

    private void refill() throws IOException {
      bufferStart += buffer.limit();
      buffer.clear();
      int n = channel.read(buffer, bufferStart);
      if (n <= 0) {
        buffer.limit(0);
        throw new EOFException("the file ends inside a gzip member");
      }
      buffer.flip();
    }
  }
}
