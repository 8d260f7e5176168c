package org.embedwatch.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * This process's own directory for temporary files, {@code tmp/<id>/} in the archive, made on first use and removed on
 * close. While it exists its lock file {@code tmp/<id>.lock} is locked by this process, so a crash's leftovers (a
 * half-downloaded media file, a blob not yet renamed) are told from another live process's files: {@link #sweep}
 * removes the directories whose lock is free. Thread-safe.
 */
public final class TempSpace implements AutoCloseable {
  static final String LOCK = ".lock";

  private final Path root;
  private ProcessLocks.Held lock;
  private Path dir;

  /** @param root the archive's {@code tmp/} directory */
  public TempSpace(Path root) {
    this.root = root;
  }

  /** A new empty file in this process's directory (same file system as the archive, so a move into it is a rename). */
  public Path newFile(String prefix, String suffix) {
    try {
      Path file = Files.createTempFile(dir(), prefix, suffix);
      PrivateFiles.restrict(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file in " + root, e);
    }
  }

  private synchronized Path dir() throws IOException {
    if (dir != null) {
      return dir;
    }
    PrivateFiles.createDirectories(root);
    while (true) {
      String id = UUID.randomUUID().toString();
      Path lockFile = root.resolve(id + LOCK);
      FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      ProcessLocks.Held held;
      try {
        held = ProcessLocks.lock(lockFile, channel);
      } catch (OverlappingFileLockException takenOver) {
        // A sweep in this process took the new file over before it was locked; it deletes it. Start again.
        channel.close();
        continue;
      }
      // A sweep elsewhere may have taken the file over between its creation and the lock, and deleted it since.
      if (!Files.exists(lockFile)) {
        ProcessLocks.release(held);
        continue;
      }
      PrivateFiles.restrict(lockFile);
      Path made = root.resolve(id);
      PrivateFiles.createDirectories(made);
      lock = held;
      dir = made;
      return dir;
    }
  }

  /** Removes this process's directory and its lock. */
  @Override
  public synchronized void close() {
    if (dir == null) {
      return;
    }
    try {
      delete(dir);
      Files.deleteIfExists(root.resolve(dir.getFileName() + LOCK));
      ProcessLocks.release(lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the temporary directory " + dir, e);
    } finally {
      dir = null;
      lock = null;
    }
  }

  /**
   * Removes what crashed processes left in {@code root}: each {@code <id>/} directory whose lock is free (or missing),
   * and files right in {@code root} (the layout of earlier versions, {@code incoming-*.part}) untouched for an hour.
   *
   * @return how many bytes were removed, and from how many directories and files
   */
  static Removed sweep(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return new Removed(0, 0);
    }
    long bytes = 0;
    int entries = 0;
    java.time.Instant hourAgo = java.time.Instant.now().minus(java.time.Duration.ofHours(1));
    try (Stream<Path> list = Files.list(root)) {
      for (Path p : list.toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(LOCK)) {
          continue;
        }
        if (Files.isDirectory(p)) {
          Path lockFile = root.resolve(name + LOCK);
          if (!Files.exists(lockFile)) {
            // Its owner creates and locks the lock file before the directory: without one, the owner is gone.
            bytes += delete(p);
            entries++;
            continue;
          }
          var claimed = ProcessLocks.claimIfAbandoned(lockFile);
          if (claimed.isPresent()) {
            try {
              bytes += delete(p);
              entries++;
              Files.deleteIfExists(lockFile);
            } finally {
              ProcessLocks.release(claimed.get());
            }
          }
        } else if (name.startsWith("incoming-") && name.endsWith(".part")
            && Files.getLastModifiedTime(p).toInstant().isBefore(hourAgo)) {
          bytes += Files.size(p);
          Files.deleteIfExists(p);
          entries++;
        }
      }
    }
    // Lock files whose directory is gone: an owner that died between the two, or a sweep that died between them.
    try (Stream<Path> list = Files.list(root)) {
      for (Path lockFile : list.filter(p -> p.getFileName().toString().endsWith(LOCK)).toList()) {
        String id = lockFile.getFileName().toString();
        if (Files.exists(root.resolve(id.substring(0, id.length() - LOCK.length())))) {
          continue;
        }
        var claimed = ProcessLocks.claimIfAbandoned(lockFile);
        if (claimed.isPresent()) {
          try {
            Files.deleteIfExists(lockFile);
          } finally {
            ProcessLocks.release(claimed.get());
          }
        }
      }
    }
    return new Removed(bytes, entries);
  }

  /** What a sweep removed. */
  record Removed(long bytes, int entries) {}

  /** Deletes {@code path} and everything under it; returns the bytes of the files deleted. */
  private static long delete(Path path) throws IOException {
    long bytes = 0;
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isRegularFile(p)) {
          bytes += Files.size(p);
        }
        Files.deleteIfExists(p);
      }
    } catch (NoSuchFileException gone) {
      // Removed meanwhile (by another sweep): nothing left to do.
    } catch (java.io.UncheckedIOException walking) {
      if (!(walking.getCause() instanceof NoSuchFileException)) {
        throw walking.getCause();
      }
      // A directory below vanished mid-walk (another sweep): what is left, the next start removes.
    }
    return bytes;
  }
}
