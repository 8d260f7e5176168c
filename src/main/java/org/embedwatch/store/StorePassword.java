package org.embedwatch.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The password of an archive's H2 database: random, made when the archive is made (or, for an archive made before,
 * on its first writable open), kept in a file next to the database that only its owner may read
 * ({@code .store-password}, mode 0600), and read by every process that opens the archive. It is never logged or
 * printed: messages name the file, never its content.
 */
final class StorePassword {
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final int LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private StorePassword() {}

  /** The password file of {@code db}: {@code .store-password} for the archive's own {@code embedwatch} database. */
  static Path fileOf(H2File db) {
    String name = db.base().getFileName().toString();
    return db.dir().resolve(name.equals("embedwatch") ? ".store-password" : "." + name + ".store-password");
  }

  /** The password kept for {@code db}, when there is one. */
  static Optional<String> find(H2File db) {
    Path file = fileOf(db);
    try {
      return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip()).filter(p -> !p.isEmpty());
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the store password file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The password kept for {@code db}, made and kept first when there is none. Two processes making one at once keep
   * one between them: each writes its own to a temporary file and links it to the file's name, which fails when the
   * other was first; both then read the one that is there.
   */
  static String findOrCreate(H2File db) {
    Optional<String> existing = find(db);
    if (existing.isPresent()) {
      return existing.get();
    }
    Path file = fileOf(db);
    Path temp = null;
    try {
      Files.createDirectories(file.getParent());
      temp = Files.createTempFile(file.getParent(), ".store-password-", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap((generate() + "\n").getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
      }
      try {
        Files.createLink(file, temp);
      } catch (FileAlreadyExistsException otherWasFirst) {
        // Another process made it at the same moment: theirs is the one.
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the store password file " + file + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // A leftover temporary file holds an unused password, readable by its owner only.
        }
      }
    }
    return find(db).orElseThrow(() -> new IllegalStateException("the store password file " + file + " is empty"));
  }

  private static String generate() {
    StringBuilder sb = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
