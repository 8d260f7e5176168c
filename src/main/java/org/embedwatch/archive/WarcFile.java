package org.embedwatch.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcWriter;

/**
 * One WARC file being written by this process: its channel, which holds this process's lock on the file, its writer,
 * and its marker {@code <name>.open}, which exists from when the file is locked until it is closed whole. A marker
 * whose file's lock is free was left by a crash: {@link CrashDebris} checks that file at the next start. Writes are
 * serialized by {@link WarcArchive}; {@link #force} may run beside them.
 */
final class WarcFile {
  static final String MARKER = ".open";

  private final String name;
  private final Path path;
  private final Path marker;
  private final ProcessLocks.Held held;
  private final WarcWriter writer;
  private long forcedTo;
  private boolean closed;
  /** Why what was written may not be on the disk, once a force failed or the file was dropped; null until then. */
  private String unforced;

  private WarcFile(String name, Path path, Path marker, ProcessLocks.Held held, WarcWriter writer) {
    this.name = name;
    this.path = path;
    this.marker = marker;
    this.held = held;
    this.writer = writer;
  }

  /** Creates the new file {@code name} in {@code dir} through {@code opener}, locks it and marks it open. */
  static WarcFile create(Path dir, String name, WarcArchive.Opener opener) throws IOException {
    Path path = dir.resolve(name);
    FileChannel channel = opener.open(path);
    try {
      PrivateFiles.restrict(path);
      ProcessLocks.Held held = ProcessLocks.lock(path, channel);
      Path marker = dir.resolve(name + MARKER);
      try {
        Files.createFile(marker);
        PrivateFiles.restrict(marker);
        Fsync.directory(dir);
        return new WarcFile(name, path, marker, held, new WarcWriter(channel, WarcCompression.GZIP));
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(marker);
        ProcessLocks.release(held);
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(path);
      throw e;
    }
  }

  String name() {
    return name;
  }

  Path path() {
    return path;
  }

  WarcWriter writer() {
    return writer;
  }

  /** Where the next record starts: the end of the last whole one. */
  long position() {
    return writer.position();
  }

  /**
   * Forces the file to the disk up to at least {@code upTo} (nothing to do when a force covered it already).
   *
   * @throws IOException when this force fails, and on every later call once one has failed or the file was dropped
   *     unforced: a second fsync after a failed one may report success for pages the first one lost
   */
  synchronized void force(long upTo) throws IOException {
    if (unforced != null) {
      throw new IOException("not forced to the disk: " + unforced);
    }
    if (forcedTo >= upTo) {
      return;
    }
    try {
      held.channel().force(false);
    } catch (IOException e) {
      unforced = "an earlier force of " + path + " failed (" + e.getMessage() + ")";
      throw e;
    }
    forcedTo = upTo;
  }

  /** Closes the file whole: forced to the disk, then unmarked, then unlocked. */
  synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      try {
        held.channel().force(true);
      } catch (IOException e) {
        unforced = "closing " + path + " failed to force it (" + e.getMessage() + ")";
        throw e;
      }
      forcedTo = Long.MAX_VALUE;
      Files.delete(marker);
      writer.close();
    } finally {
      ProcessLocks.release(held);
    }
  }

  /**
   * Drops the file as it is after a failed force: closed unfinished and unlocked, its marker left, so that the next
   * start checks it.
   */
  synchronized void drop() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (forcedTo < Long.MAX_VALUE) {
      unforced = path + " was dropped after a failed write or force";
    }
    ProcessLocks.release(held);
  }

  /**
   * Drops the file after a failed write: its writer is left unfinished (a jwarc writer that failed once must not be
   * written to again), the file is cut back to {@code wholeEnd} (the end of its last whole record; 0: the file is
   * removed) and forced, then unmarked and unlocked. When cutting fails the marker stays, so that the next start cuts
   * it.
   */
  synchronized void abandon(long wholeEnd) throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      FileChannel channel = held.channel();
      channel.truncate(wholeEnd);
      channel.force(true);
      if (wholeEnd == 0) {
        Files.delete(path);
      }
      Files.delete(marker);
    } finally {
      ProcessLocks.release(held);
    }
  }
}
