package org.embedwatch.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Every regular file under an archive directory with its bytes as text (ISO-8859-1, so every byte is one char), a
 * {@code .gz} file decompressed first: for scans such as "no configured secret was written anywhere".
 *
 * @param path the file
 * @param text its (decompressed) bytes as ISO-8859-1 text
 */
public record ArchiveFile(Path path, String text) {

  /** Reads every regular file under {@code dir}, recursively. */
  public static List<ArchiveFile> allUnder(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    List<ArchiveFile> all = new ArrayList<>();
    for (Path f : files) {
      byte[] bytes;
      if (f.toString().endsWith(".gz")) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
          bytes = in.readAllBytes();
        }
      } else {
        bytes = Files.readAllBytes(f);
      }
      all.add(new ArchiveFile(f, new String(bytes, StandardCharsets.ISO_8859_1)));
    }
    return all;
  }
}
