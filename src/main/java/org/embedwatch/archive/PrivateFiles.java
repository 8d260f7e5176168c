package org.embedwatch.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories of the archive readable by their owner only: directories {@code 0700}, files {@code 0600}
 * (evidence and the database may hold what a platform served to a logged-in client). On a file system without POSIX
 * permissions these are plain creations and no-ops.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Creates {@code dir} and its missing parents, each created one {@code 0700} and forced into its parent; existing
   * ones are left alone.
   */
  public static Path createDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      return dir;
    }
    Path parent = absolute.getParent();
    if (parent != null) {
      createDirectories(parent);
    }
    try {
      Files.createDirectory(absolute);
      restrictDirectory(absolute);
      if (parent != null) {
        Fsync.directory(parent); // the new entry too must survive a power loss before files in it are relied on
      }
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // Another thread or process created it meanwhile: fine when it is a directory.
      if (!Files.isDirectory(absolute)) {
        throw e;
      }
    }
    return dir;
  }

  /**
   * Creates the archive directory ({@code 0700}) when it does not exist.
   *
   * @throws UncheckedIOException naming the directory, when it cannot be created
   */
  public static void createArchiveDirectory(Path dir) {
    try {
      createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the archive directory " + dir + ": " + e.getMessage()
          + " (check the path and its permissions, or set archive.dir elsewhere)", e);
    }
  }

  /**
   * Makes {@code file} {@code 0600} when it exists (a file another library created, like H2's).
   *
   * @throws UncheckedIOException naming the file, when its permissions cannot be changed
   */
  public static void restrictIfExists(Path file) {
    try {
      if (Files.exists(file)) {
        restrict(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + file + " readable by its owner only: " + e.getMessage(), e);
    }
  }

  /** Makes an existing file {@code 0600} (when the file system has POSIX permissions). */
  public static void restrict(Path file) throws IOException {
    if (posix()) {
      Files.setPosixFilePermissions(file, FILE);
    }
  }

  /** Makes an existing directory {@code 0700} (when the file system has POSIX permissions). */
  public static void restrictDirectory(Path dir) throws IOException {
    if (posix()) {
      Files.setPosixFilePermissions(dir, DIRECTORY);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
