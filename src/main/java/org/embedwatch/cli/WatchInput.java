package org.embedwatch.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.extract.Reference;
import org.embedwatch.extract.ReferenceExtractor;
import org.embedwatch.store.Watch;

/**
 * An input of {@code watch add}, checked before it is stored: an http(s) URL, an existing file (a feed or sitemap),
 * or {@code @FILE} (an existing list file); paths are stored absolute, so that a daemon started elsewhere reads the
 * same file. Standard input, directories and post URLs are refused.
 *
 * @param kindKnown whether {@code kind} is known from the form alone (a list); else it is {@code page} until the
 *     first poll tells what the input holds
 */
record WatchInput(String input, Watch.Kind kind, boolean kindKnown) {
  private static final Pattern URL_LIKE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");
  /** The shortest interval a watch may have: no site should be asked more often. */
  static final Duration MIN_EVERY = Duration.ofMinutes(1);

  /**
   * @throws IllegalArgumentException with a one-line message naming the input and saying what to give instead
   */
  static WatchInput parse(String given, Path baseDir) {
    String what = "'" + given + "'";
    if (given.isBlank() || given.equals("-")) {
      throw new IllegalArgumentException(what + ": standard input cannot be watched (give an http(s) URL, a feed or"
          + " sitemap file, or @FILE)");
    }
    if (given.startsWith("@")) {
      String file = given.substring(1);
      if (file.isEmpty() || URL_LIKE.matcher(file).matches()) {
        throw new IllegalArgumentException(what + ": @ must be followed by a local list file (give URLs without @)");
      }
      Path path = existing(given, baseDir, file);
      return new WatchInput("@" + path, Watch.Kind.LIST, true);
    }
    if (URL_LIKE.matcher(given).matches() && !(given.length() > 2 && given.charAt(1) == ':')) {
      return url(given.trim(), what);
    }
    return new WatchInput(existing(given, baseDir, given).toString(), Watch.Kind.PAGE, false);
  }

  private static WatchInput url(String url, String what) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + ": malformed URL: " + e.getReason() + " (give an http(s) URL)", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(what + ": URL scheme '" + scheme + "' is not watched (give an http(s) URL)");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException(what + ": malformed URL: no host (give an http(s) URL)");
    }
    boolean post = new ReferenceExtractor().extract(url, "text/plain", url).stream()
        .map(Reference::postId).anyMatch(id -> id != null);
    if (post) {
      throw new IllegalArgumentException(what + ": a post URL; posts are not watched yet (watch the article or feed"
          + " that cites it; every archived post is re-checked on its own cadence)");
    }
    return new WatchInput(url, Watch.Kind.PAGE, false);
  }

  private static Path existing(String given, Path baseDir, String file) {
    Path path;
    try {
      path = baseDir.resolve(file).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("'" + given + "': not a valid path: " + e.getReason()
          + " (give an existing file or an http(s) URL)", e);
    }
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("'" + given + "': no such file (give an existing file or an http(s) URL)");
    }
    if (Files.isDirectory(path)) {
      throw new IllegalArgumentException("'" + given + "': a directory cannot be watched (give a feed, a sitemap or"
          + " a @FILE list of inputs)");
    }
    return path;
  }

  /**
   * Parses a polling interval: ISO-8601 ({@code PT30M}, {@code P1D}) or a short form ({@code 90s}, {@code 30m},
   * {@code 6h}, {@code 1d}), at least {@link #MIN_EVERY}.
   *
   * @throws IllegalArgumentException with a one-line message saying what to write
   */
  static Duration interval(String given) {
    Duration d;
    Matcher m = SHORT.matcher(given.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } else {
      try {
        d = Duration.parse(given.trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("--every '" + given + "' is not a duration (write ISO-8601 like PT30M or"
            + " P1D, or 30m, 6h, 1d)", e);
      }
    }
    if (d.compareTo(MIN_EVERY) < 0) {
      throw new IllegalArgumentException("--every '" + given + "' is shorter than " + MIN_EVERY
          + " (poll a site at most once a minute)");
    }
    return d;
  }
}
