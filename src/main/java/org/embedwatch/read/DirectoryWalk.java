package org.embedwatch.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of a directory tree, in a stable order: depth first, each directory's entries sorted by name. Hidden
 * entries (name starting with a dot) are left out. Symbolic links are followed, but a directory reached a second time
 * (a link loop, or two links to one directory) is not walked again, and what is neither a regular file nor a
 * directory (a pipe, a device, a broken link) is never opened.
 */
final class DirectoryWalk {
  private DirectoryWalk() {}

  /** One entry of the walk: a file to read, or something not read and why. */
  sealed interface Entry {
    /** The path relative to the walked directory. */
    Path relative();
  }

  /** A regular file (or a link to one). */
  record File(Path path, Path relative) implements Entry {}

  /** A directory already walked: a symbolic-link loop or a second link to it. */
  record Repeat(Path path, Path relative) implements Entry {}

  /** Not a regular file, or a directory that cannot be listed. */
  record Unreadable(Path path, Path relative, String reason) implements Entry {}

  /** The walk's entries and how many hidden entries were left out. */
  record Walk(List<Entry> entries, int hidden) {
    Walk {
      entries = List.copyOf(entries);
    }

    long files() {
      return entries.stream().filter(e -> e instanceof File).count();
    }
  }

  /**
   * Walks {@code dir}.
   *
   * @throws IOException when {@code dir} itself cannot be listed
   */
  static Walk walk(Path dir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Set<Path> walked = new HashSet<>();
    walked.add(dir.toRealPath());
    int hidden = visit(dir, Path.of(""), walked, entries, true);
    return new Walk(entries, hidden);
  }

  private static int visit(Path dir, Path relative, Set<Path> walked, List<Entry> out, boolean top)
      throws IOException {
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (IOException e) {
      if (top) {
        throw e;
      }
      out.add(new Unreadable(dir, relative, "cannot list the directory: " + e.getMessage()));
      return 0;
    }
    int hidden = 0;
    for (Path child : children) {
      String name = child.getFileName().toString();
      Path rel = relative.resolve(name);
      if (name.startsWith(".")) {
        hidden++;
      } else if (Files.isDirectory(child)) {
        if (walked.add(child.toRealPath())) {
          hidden += visit(child, rel, walked, out, false);
        } else {
          out.add(new Repeat(child, rel));
        }
      } else if (Files.isRegularFile(child)) {
        out.add(new File(child, rel));
      } else {
        out.add(new Unreadable(child, rel, Files.isSymbolicLink(child) && !Files.exists(child)
            ? "a broken symbolic link" : "not a regular file (a pipe, a socket or a device)"));
      }
    }
    return hidden;
  }
}
