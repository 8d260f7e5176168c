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
 * entries (name starting with a dot) are left out. Bounded: a symbolic link is followed only when it stays inside the
 * walked directory, a directory reached a second time (a link loop, or two links to one directory) is not walked
 * again, directories nested more than {@code maxDepth} deep are not walked, and after {@code maxEntries} entries the
 * rest are counted, not listed. What is neither a regular file nor a directory (a pipe, a device, a broken link) is
 * never opened.
 */
final class DirectoryWalk {
  private DirectoryWalk() {}

  /** One entry of the walk: a file to read, or something not read and why. */
  sealed interface Entry {
    /** The path relative to the walked directory. */
    Path relative();
  }

  /** A regular file (or a link inside the tree to one). */
  record File(Path path, Path relative) implements Entry {}

  /** Not walked or read, and not an error: a repeat, a link out of the tree, a directory nested too deep. */
  record Skip(Path relative, String reason) implements Entry {}

  /** Not a regular file, or a directory that cannot be listed. */
  record Unreadable(Path relative, String reason) implements Entry {}

  /**
   * The walk's entries, how many hidden entries were left out, and how many entries past the limit were left out
   * (a directory past the limit is counted as one entry, not walked).
   */
  record Walk(List<Entry> entries, int hidden, int overLimit) {
    Walk {
      entries = List.copyOf(entries);
    }
  }

  /**
   * Walks {@code dir}.
   *
   * @throws IOException when {@code dir} itself cannot be listed
   */
  static Walk walk(Path dir, int maxDepth, int maxEntries) throws IOException {
    Path root = dir.toRealPath();
    State state = new State(root, maxDepth, maxEntries);
    state.walked.add(root);
    state.visit(dir, Path.of(""), 0);
    return new Walk(state.out, state.hidden, state.overLimit);
  }

  private static final class State {
    private final Path root;
    private final int maxDepth;
    private final int maxEntries;
    private final Set<Path> walked = new HashSet<>();
    private final List<Entry> out = new ArrayList<>();
    private int hidden;
    private int overLimit;

    State(Path root, int maxDepth, int maxEntries) {
      this.root = root;
      this.maxDepth = maxDepth;
      this.maxEntries = maxEntries;
    }

    void visit(Path dir, Path relative, int depth) throws IOException {
      List<Path> children;
      try (Stream<Path> s = Files.list(dir)) {
        children = s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
      } catch (IOException e) {
        if (depth == 0) {
          throw e;
        }
        add(new Unreadable(relative, "cannot list the directory: " + e.getMessage()));
        return;
      }
      for (Path child : children) {
        String name = child.getFileName().toString();
        Path rel = relative.resolve(name);
        if (name.startsWith(".")) {
          hidden++;
        } else if (out.size() >= maxEntries) {
          overLimit++;
        } else if (Files.isSymbolicLink(child) && Files.exists(child) && !child.toRealPath().startsWith(root)) {
          add(new Skip(rel, "a symbolic link out of the directory; not followed"));
        } else if (Files.isDirectory(child)) {
          if (depth + 1 > maxDepth) {
            add(new Skip(rel, "nested more than " + maxDepth + " directories deep; not walked"));
          } else if (walked.add(child.toRealPath())) {
            visit(child, rel, depth + 1);
          } else {
            add(new Skip(rel, "a link to a directory already walked (a loop or a second link); not walked again"));
          }
        } else if (Files.isRegularFile(child)) {
          add(new File(child, rel));
        } else {
          add(new Unreadable(rel, Files.isSymbolicLink(child) && !Files.exists(child)
              ? "a broken symbolic link" : "not a regular file (a pipe, a socket or a device)"));
        }
      }
    }

    private void add(Entry entry) {
      if (out.size() >= maxEntries) {
        overLimit++;
      } else {
        out.add(entry);
      }
    }
  }
}
