package org.embedwatch.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.embedwatch.evidence.Sha256;

/**
 * Content-addressed files: bytes are stored once under {@code <dir>/ab/cd/<sha256>}, written to a temporary file
 * first and moved into place, so a crash never leaves a half-written file under a digest name. Thread-safe.
 */
public final class BlobStore {
  private final Path dir;

  public BlobStore(Path dir) {
    this.dir = dir;
  }

  /** A stored blob: its digest, its path relative to the store's parent directory, its size. */
  public record Blob(Sha256 sha256, Path path, long size) {}

  /** Stores {@code bytes} (a no-op when the same bytes are already stored). */
  public Blob put(byte[] bytes) {
    Sha256 sha = Sha256.of(bytes);
    Path target = pathOf(sha);
    try {
      if (!Files.exists(target)) {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), sha.hex(), ".tmp");
        Files.write(tmp, bytes);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store " + bytes.length + " bytes as " + target, e);
    }
    return new Blob(sha, dir.getParent() == null ? target : dir.getParent().relativize(target), bytes.length);
  }

  /**
   * A new empty temporary file in {@code tmp/} beside the store (same file system, so {@link #move} is a rename). The
   * caller deletes it when it does not move it into the store.
   */
  public Path newTempFile() {
    Path tmp = (dir.getParent() == null ? dir : dir.getParent()).resolve("tmp");
    try {
      Files.createDirectories(tmp);
      return Files.createTempFile(tmp, "incoming-", ".part");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file in " + tmp, e);
    }
  }

  /**
   * Moves {@code file}, whose SHA-256 the caller computed while writing it, into the store under that digest (when
   * the same bytes are already stored, the file is deleted instead).
   */
  public Blob move(Path file, Sha256 sha) {
    Path target = pathOf(sha);
    try {
      long size = Files.size(file);
      if (Files.exists(target)) {
        Files.delete(file);
      } else {
        Files.createDirectories(target.getParent());
        try {
          Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return new Blob(sha, dir.getParent() == null ? target : dir.getParent().relativize(target), size);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + file + " into the store as " + target, e);
    }
  }

  /** Where the bytes with this digest live (whether or not they exist). */
  public Path pathOf(Sha256 sha) {
    return dir.resolve(sha.hex().substring(0, 2)).resolve(sha.hex().substring(2, 4)).resolve(sha.hex());
  }
}
