package org.embedwatch.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Forces bytes to the disk, so that a file is whole there before anything (a rename, a database commit) points at it,
 * even across a power loss.
 */
final class Fsync {
  private Fsync() {}

  /** Forces the content and size of {@code file} to the disk. */
  static void file(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /**
   * Forces the entries of {@code dir} (a file created, renamed or deleted in it) to the disk. Where a directory cannot
   * be opened as a file (Windows), this does nothing: there the file system orders its metadata itself.
   */
  static void directory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException ignored) {
      // Not supported on this platform (see above); the files themselves were forced already.
    }
  }
}
