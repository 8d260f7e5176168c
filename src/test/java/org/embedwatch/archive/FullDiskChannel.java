package org.embedwatch.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.StandardOpenOption;

/**
 * A real file channel on a disk that is full after {@code capacity} bytes: the write that reaches the limit writes
 * what fits, and every write after it fails with "No space left on device", as a full disk does. Truncating frees
 * space again.
 */
final class FullDiskChannel extends FileChannel {
  private final FileChannel file;
  private final long capacity;
  private int forcesToFail;
  private boolean full;

  private FullDiskChannel(FileChannel file, long capacity, int forcesToFail) {
    this.file = file;
    this.capacity = capacity;
    this.forcesToFail = forcesToFail;
  }

  /** An opener for {@link WarcArchive} whose files hold at most {@code capacity} bytes. */
  static WarcArchive.Opener opener(long capacity) {
    return path -> new FullDiskChannel(
        FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), capacity, 0);
  }

  /** An opener for {@link WarcArchive} whose files take every write but cannot be forced to the disk (an I/O error). */
  static WarcArchive.Opener forceFails() {
    return path -> new FullDiskChannel(
        FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), Long.MAX_VALUE, Integer.MAX_VALUE);
  }

  /**
   * An opener whose files fail their first force with an I/O error and then force without error, as Linux may
   * report success for an fsync after a failed one although the pages the first one lost are gone.
   */
  static WarcArchive.Opener forceFailsOnce() {
    return path -> new FullDiskChannel(
        FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), Long.MAX_VALUE, 1);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    long room = capacity - file.size();
    if (full || room <= 0) {
      full = true;
      throw new IOException("No space left on device");
    }
    if (src.remaining() > room) {
      full = true;
      ByteBuffer part = src.duplicate();
      part.limit(part.position() + (int) room);
      int n = file.write(part);
      src.position(src.position() + n);
      return n;
    }
    return file.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long n = 0;
    for (int i = offset; i < offset + length; i++) {
      n += write(srcs[i]);
    }
    return n;
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    throw new UnsupportedOperationException("not used by WarcArchive");
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return file.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return file.read(dsts, offset, length);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return file.read(dst, position);
  }

  @Override
  public long position() throws IOException {
    return file.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    file.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return file.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    file.truncate(size);
    full = false;
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    if (forcesToFail > 0) {
      forcesToFail--;
      throw new IOException("Input/output error");
    }
    file.force(metaData);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) {
    throw new UnsupportedOperationException("not used by WarcArchive");
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) {
    throw new UnsupportedOperationException("not used by WarcArchive");
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) {
    throw new UnsupportedOperationException("not used by WarcArchive");
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return file.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return file.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    file.close();
  }
}
