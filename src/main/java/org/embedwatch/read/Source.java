package org.embedwatch.read;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where one input comes from, as parsed from what the operator gave or a container listed. Immutable. */
sealed interface Source {
  Pattern URL_LIKE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

  /**
   * What identifies this source as a container, so that a container is expanded once and never inside itself; empty
   * when it cannot be told (a missing file, a malformed URL).
   */
  Optional<String> key();

  /** {@code -}: the bytes on standard input. */
  record Stdin() implements Source {
    @Override
    public Optional<String> key() {
      return Optional.of("stdin");
    }
  }

  /** A local file or directory (absolute). */
  record File(Path path) implements Source {
    @Override
    public Optional<String> key() {
      return realPath(path).map(p -> "file:" + p);
    }
  }

  /** {@code @FILE}: a list file (absolute), one input per line. */
  record ListOf(Path path) implements Source {
    @Override
    public Optional<String> key() {
      return realPath(path).map(p -> "list:" + p);
    }
  }

  /** An address; only http(s) ones are fetched. */
  record Url(String url) implements Source {
    @Override
    public Optional<String> key() {
      try {
        URI u = new URI(url).normalize();
        if (u.getScheme() == null || u.getHost() == null) {
          return Optional.empty();
        }
        URI plain = new URI(u.getScheme().toLowerCase(Locale.ROOT), u.getUserInfo(),
            u.getHost().toLowerCase(Locale.ROOT), u.getPort(), u.getPath(), u.getQuery(), null);
        return Optional.of("url:" + plain);
      } catch (URISyntaxException e) {
        return Optional.empty();
      }
    }
  }

  /** An entry known to be unusable before anything is read. */
  record Invalid(InputItem.ProblemKind kind, String reason, String remedy) implements Source {
    @Override
    public Optional<String> key() {
      return Optional.empty();
    }
  }

  /** An entry that is deliberately not read (not an error). */
  record Skip(String reason) implements Source {
    @Override
    public Optional<String> key() {
      return Optional.empty();
    }
  }

  /**
   * Parses an input: {@code -} is stdin, {@code @FILE} a list file, {@code scheme:…} an address, anything else a file
   * or directory; relative paths are resolved against {@code base}.
   */
  static Source parse(String given, Path base) {
    try {
      if (given.equals("-")) {
        return new Stdin();
      }
      if (given.startsWith("@")) {
        String file = given.substring(1);
        if (file.isEmpty() || isUrl(file)) {
          return new Invalid(InputItem.ProblemKind.UNREADABLE, "@ must be followed by a local list file",
              "write @FILE for a file of inputs, one a line; give URLs without @");
        }
        return new ListOf(base.resolve(file).toAbsolutePath().normalize());
      }
      if (isUrl(given)) {
        return new Url(given.trim());
      }
      return new File(base.resolve(given).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      return new Invalid(InputItem.ProblemKind.UNREADABLE, "not a valid path: " + e.getReason(),
          "give an existing file or an http(s) URL");
    }
  }

  private static boolean isUrl(String given) {
    boolean windowsPath = given.length() > 2 && given.charAt(1) == ':'
        && (given.charAt(2) == '\\' || given.charAt(2) == '/');
    return URL_LIKE.matcher(given).matches() && !windowsPath;
  }

  private static Optional<Path> realPath(Path path) {
    try {
      return Optional.of(path.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
