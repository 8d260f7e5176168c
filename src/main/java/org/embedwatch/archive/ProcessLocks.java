package org.embedwatch.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The file locks this process holds to say "this file is mine and I am alive" (a WARC file being written, a temporary
 * directory in use). Another process, or a later start, takes a file over only when its lock is free: its owner died.
 *
 * <p>Static on purpose: POSIX file locks belong to the process, and closing any channel to a file releases all of the
 * process's locks on it. So a file this process holds must never be opened a second time to test its lock, whichever
 * object holds it; this set is how every part of the process knows. Thread-safe.
 */
final class ProcessLocks {
  private static final Set<Path> HELD = new HashSet<>();

  private ProcessLocks() {}

  /** A file this process holds the lock of, and the channel that holds it. */
  record Held(Path file, FileChannel channel) {}

  /** Locks {@code channel}'s file, which this process just created (waiting while another process holds it). */
  static synchronized Held lock(Path file, FileChannel channel) throws IOException {
    Path key = key(file);
    channel.lock(); // released when the channel is closed
    HELD.add(key);
    return new Held(file, channel);
  }

  /**
   * Takes over {@code file} when no live process holds its lock (this one included), opening it for writing.
   *
   * @return the held file, or empty while a live process holds it
   */
  static synchronized Optional<Held> claimIfAbandoned(Path file) throws IOException {
    Path key = key(file);
    if (HELD.contains(key)) {
      return Optional.empty();
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (java.nio.file.NoSuchFileException gone) {
      // Its owner removed it (a clean exit) between our listing and this open: nothing abandoned.
      return Optional.empty();
    }
    try {
      if (channel.tryLock() == null) {
        channel.close();
        return Optional.empty();
      }
    } catch (OverlappingFileLockException heldHere) {
      // Locked by this process outside this class (never in the application): that holder is alive.
      channel.close();
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    HELD.add(key);
    return Optional.of(new Held(file, channel));
  }

  /** Closes the channel, which releases the lock, and forgets the file. */
  static synchronized void release(Held held) throws IOException {
    try {
      held.channel().close();
    } finally {
      HELD.remove(key(held.file()));
    }
  }

  private static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }
}
