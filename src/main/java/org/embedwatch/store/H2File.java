package org.embedwatch.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * An H2 database in a file, as its JDBC URL names it ({@code jdbc:h2:file:<base>;<settings>}): where its file is,
 * the URL's settings, and the same database under another name or opened alone.
 *
 * @param base the file's path without H2's {@code .mv.db}
 * @param settings the URL's settings, each with its leading {@code ;} (empty for none)
 */
record H2File(Path base, String settings) {
  private static final String PREFIX = "jdbc:h2:file:";

  /** The file database {@code url} names, or empty when it names another kind (in memory, over TCP, …). */
  static Optional<H2File> of(String url) {
    if (!url.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = url.substring(PREFIX.length());
    int semicolon = rest.indexOf(';');
    String path = semicolon < 0 ? rest : rest.substring(0, semicolon);
    if (path.isEmpty() || path.startsWith("~")) {
      return Optional.empty();
    }
    return Optional.of(new H2File(Path.of(path).toAbsolutePath(), semicolon < 0 ? "" : rest.substring(semicolon)));
  }

  /** The database file: {@code <base>.mv.db}. */
  Path file() {
    return sibling(".mv.db");
  }

  /** {@code <base><suffix>}, next to the database file. */
  Path sibling(String suffix) {
    return base.resolveSibling(base.getFileName() + suffix);
  }

  /** The directory the database file is in. */
  Path dir() {
    return base.getParent();
  }

  String url() {
    return PREFIX + base + settings;
  }

  /** The same settings on the database {@code <base><suffix>} next to this one. */
  H2File renamed(String suffix) {
    return new H2File(sibling(suffix), settings);
  }

  /**
   * This database opened by this process alone: without H2's automatic mixed mode, so that opening it fails while
   * another process has it open, and no other process can open it meanwhile.
   */
  H2File alone() {
    StringBuilder kept = new StringBuilder();
    for (String setting : settings.split(";")) {
      String key = setting.split("=", 2)[0].trim().toUpperCase(Locale.ROOT);
      if (!setting.isBlank() && !key.equals("AUTO_SERVER") && !key.equals("AUTO_RECONNECT")
          && !key.equals("AUTO_SERVER_PORT")) {
        kept.append(';').append(setting);
      }
    }
    return new H2File(base, kept.toString());
  }
}
