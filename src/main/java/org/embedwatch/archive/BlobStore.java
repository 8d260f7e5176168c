package org.embedwatch.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.embedwatch.evidence.Sha256;

/**
 * Content-addressed files: bytes are stored once under {@code <dir>/ab/cd/<sha256>}, written to a temporary file
 * first, forced to the disk and moved into place, so neither a crash nor a power loss leaves a half-written file under
 * a digest name. Files are {@code 0600}, directories {@code 0700}. Thread-safe.
 */
public final class BlobStore {
  private final Path dir;
  private final TempSpace temp;

  /** A store whose temporary files go to {@code tmp/} beside it, in a directory of this store's own. */
  public BlobStore(Path dir) {
    this(dir, new TempSpace((dir.getParent() == null ? dir : dir.getParent()).resolve("tmp")));
  }

  /** @param temp where temporary files are made: on the same file system as {@code dir}, so a move is a rename */
  public BlobStore(Path dir, TempSpace temp) {
    this.dir = dir;
    this.temp = temp;
  }

  /** A stored blob: its digest, its path relative to the store's parent directory, its size. */
  public record Blob(Sha256 sha256, Path path, long size) {}

  /** Stores {@code bytes} (a no-op when the same bytes are already stored). */
  public Blob put(byte[] bytes) {
    Sha256 sha = Sha256.of(bytes);
    Path target = pathOf(sha);
    try {
      if (!Files.exists(target)) {
        Path tmp = temp.newFile(sha.hex(), ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
          out.force(true);
        }
        install(tmp, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store " + bytes.length + " bytes as " + target, e);
    }
    return new Blob(sha, dir.getParent() == null ? target : dir.getParent().relativize(target), bytes.length);
  }

  /**
   * A new empty temporary file in this process's directory under {@code tmp/} (same file system, so {@link #move} is a
   * rename). The caller deletes it when it does not move it into the store; a crash's leftovers are removed at the
   * next start.
   */
  public Path newTempFile() {
    return temp.newFile("incoming-", ".part");
  }

  /**
   * Moves {@code file}, whose SHA-256 the caller computed while writing it, into the store under that digest (when
   * the same bytes are already stored, the file is deleted instead). The file is forced to the disk before.
   */
  public Blob move(Path file, Sha256 sha) {
    Path target = pathOf(sha);
    try {
      long size = Files.size(file);
      if (Files.exists(target)) {
        Files.delete(file);
      } else {
        Fsync.file(file);
        PrivateFiles.restrict(file);
        install(file, target);
      }
      return new Blob(sha, dir.getParent() == null ? target : dir.getParent().relativize(target), size);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + file + " into the store as " + target, e);
    }
  }

  /** Renames a file already on the disk to {@code target}, and forces the rename to the disk too. */
  private static void install(Path file, Path target) throws IOException {
    PrivateFiles.createDirectories(target.getParent());
    try {
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
    }
    Fsync.directory(target.getParent());
  }

  /** Where the bytes with this digest live (whether or not they exist). */
  public Path pathOf(Sha256 sha) {
    return dir.resolve(sha.hex().substring(0, 2)).resolve(sha.hex().substring(2, 4)).resolve(sha.hex());
  }
}
