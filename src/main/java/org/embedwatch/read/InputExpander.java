package org.embedwatch.read;

import static org.embedwatch.read.UnreadableInputException.unreadable;
import static org.embedwatch.read.UnreadableInputException.unsupported;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.embedwatch.archive.ArchiveWriteException;
import org.embedwatch.net.HttpFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands the inputs of {@code extract} and {@code archive} into items: articles, containers, skipped entries and
 * problems. An input is an http(s) URL, a file, a directory (its files, recursively, sorted by name, hidden ones left
 * out, links followed only inside it), {@code @FILE} (a list file: one input per line, relative paths against the
 * list's directory), {@code -} (standard input, read once), or an RSS/Atom feed, sitemap or sitemap index given as a
 * file or URL (their items' addresses). The type is detected by Apache Tika from the bytes, with the name and a
 * declared Content-Type as hints; the charset is the one the server declares, else a byte order mark, a meta
 * declaration or statistical detection ({@link ContentSniffer#charset}).
 *
 * <p>Bounded: every input is read up to {@code read.max-bytes} (after decompression; a PDF's or DOCX's text up to as
 * many characters); containers nest at most {@value #MAX_DEPTH} deep, and directories within one directory input at
 * most {@value #MAX_DIRECTORY_DEPTH}; a container expands to at most {@value #MAX_ENTRIES} entries; a container is
 * expanded once, so a list or sitemap index that includes itself ends. Thread-safe; each {@link #expand} call keeps
 * its own state.
 */
public final class InputExpander {
  /** Containers (directories, lists, feeds, sitemaps) nest at most this deep. */
  static final int MAX_DEPTH = 6;
  /** Within one directory input, directories nest at most this deep; deeper ones are skipped. */
  static final int MAX_DIRECTORY_DEPTH = 32;
  /** A container (a whole directory walk, a list, a feed, a sitemap) expands to at most this many entries. */
  static final int MAX_ENTRIES = 100_000;
  /** How standard input ({@code -}) is named in items. */
  static final String STDIN = "stdin";
  private static final Logger log = LoggerFactory.getLogger(InputExpander.class);
  static final String WHAT_WE_READ = "give an HTML, text, PDF or DOCX article, an RSS or Atom feed, or a sitemap";

  private final SourceLoader loader;
  private final ContentSniffer sniffer;
  private final ArticleReader articles;
  private final FeedParser feeds = new FeedParser();
  private final int maxEntries;

  /**
   * @param maxBytes {@code read.max-bytes}: the most bytes read of one input, counted after decompression, and the
   *     most characters of text taken from a PDF or DOCX
   */
  public InputExpander(HttpFetcher http, ContentSniffer sniffer, long maxBytes, Clock clock) {
    this(http, sniffer, maxBytes, MAX_ENTRIES, clock);
  }

  /** @param maxEntries the most entries one container expands to; the rest are counted and left out */
  InputExpander(HttpFetcher http, ContentSniffer sniffer, long maxBytes, int maxEntries, Clock clock) {
    this.maxEntries = maxEntries;
    this.loader = new SourceLoader(http, maxBytes);
    this.sniffer = sniffer;
    this.articles = new ArticleReader(sniffer, new XhtmlConverter(maxBytes), clock);
  }

  /**
   * Expands {@code inputs} in order, handing {@code sink} one item per article, container, skipped entry and problem
   * as soon as it is known; a container's item comes before its entries' items. A bad input never stops the others.
   *
   * @param baseDir the directory relative paths are resolved against
   * @param stdin what {@code -} reads (once)
   */
  public void expand(List<String> inputs, Path baseDir, InputStream stdin, Consumer<InputItem> sink) {
    expand(inputs, baseDir, stdin, () -> false, sink);
  }

  /**
   * As {@link #expand(List, Path, InputStream, Consumer)}, reading no further input once {@code stopped} says so (an
   * input being read then is finished and told).
   */
  public void expand(List<String> inputs, Path baseDir, InputStream stdin, BooleanSupplier stopped,
      Consumer<InputItem> sink) {
    Run run = new Run(stdin, stopped, sink);
    for (String given : inputs) {
      Source source = Source.parse(given, baseDir);
      run.resolve(source instanceof Source.Stdin ? STDIN : given, source);
    }
  }

  /**
   * Lists the articles of one watched input without reading them: feeds, sitemaps and list files are expanded as
   * {@link #expand} does, but the http(s) addresses they list are handed to {@code articles} unread (a sitemap index's
   * entries, sitemaps, are still read; an address of another scheme is the problem {@link #expand} makes of it). An input or local list entry that is itself an article is handed over by its label. The
   * other items (containers, skipped entries, problems) go to {@code sink}.
   *
   * @param baseDir the directory relative paths are resolved against
   */
  public void list(String input, Path baseDir, Consumer<InputItem> sink, Consumer<String> articles) {
    Run run = new Run(InputStream.nullInputStream(), () -> false, sink, articles);
    run.resolve(input, Source.parse(input, baseDir));
  }

  /**
   * The problem an unexpected exception with one input makes of it: unreadable, with the exception named, and a
   * remedy that says it is probably a bug. Callers log the exception.
   */
  public static InputItem.Problem internalError(String input, RuntimeException e) {
    return new InputItem.Problem(input, InputItem.ProblemKind.UNREADABLE,
        "an internal error (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
        "this is probably a bug in embedwatch; please report it with the log");
  }

  /**
   * One entry of a container, with the label it is reported under.
   *
   * @param walked whether a directory walk found it (rather than a list, feed or sitemap naming it)
   */
  private record Child(String label, Source source, boolean walked) {
    Child(String label, Source source) {
      this(label, source, false);
    }
  }

  /** Names that say "an article, feed or sitemap": a file so named is never skipped quietly, whatever it holds. */
  private static final java.util.regex.Pattern CLAIMS_ARTICLE = java.util.regex.Pattern.compile(
      "(?i).*\\.(html?|xhtml|xht|shtml|php|aspx?|jsp|txt|text|md|markdown|pdf|docx|xml|rss|atom|gz)$");

  /** The state of one {@link #expand} call. Not thread-safe. */
  private final class Run {
    private final InputStream stdin;
    private final Consumer<InputItem> sink;
    private final BooleanSupplier stopped;
    /** Where listed articles go unread ({@link #list}), or null when every article is read ({@link #expand}). */
    private final Consumer<String> listed;
    private final Set<String> expanded = new HashSet<>();
    private final Deque<String> chain = new ArrayDeque<>();
    private boolean stdinRead;
    private int depth;

    Run(InputStream stdin, BooleanSupplier stopped, Consumer<InputItem> sink) {
      this(stdin, stopped, sink, null);
    }

    Run(InputStream stdin, BooleanSupplier stopped, Consumer<InputItem> sink, Consumer<String> listed) {
      this.stdin = stdin;
      this.stopped = stopped;
      this.sink = sink;
      this.listed = listed;
    }

    void resolve(String label, Source source) {
      resolve(label, source, false);
    }

    /**
     * Resolves one input. A file a directory walk found that is neither an article nor named like one (an image, a
     * stylesheet, a data file beside saved pages) is skipped, not an error; given by name, it is unsupported.
     */
    void resolve(String label, Source source, boolean walked) {
      if (stopped.getAsBoolean()) {
        return; // stopped: this input and every one after it are left unread, untold
      }
      try {
        Optional<String> key = source.key();
        if (key.isPresent() && chain.contains(key.get())) {
          sink.accept(new InputItem.Skipped(label, "it includes itself (a loop); not expanded again"));
        } else if (key.isPresent() && expanded.contains(key.get())) {
          sink.accept(new InputItem.Skipped(label, "already expanded above"));
        } else {
          read(label, source, key.orElse(null));
        }
      } catch (UnreadableInputException e) {
        InputItem.Problem problem = e.problem(label);
        if (walked && problem.problem() == InputItem.ProblemKind.UNSUPPORTED && !CLAIMS_ARTICLE.matcher(label).matches()) {
          sink.accept(new InputItem.Skipped(label, "not an article (" + problem.reason() + ")"));
        } else {
          sink.accept(problem);
        }
      } catch (ArchiveWriteException e) {
        throw e; // the archive cannot be written: the run stops
      } catch (RuntimeException e) {
        // Probably a bug (in us, Tika or a parser): one input's problem, so that the batch goes on.
        log.warn("unexpected error with input {}", label, e);
        sink.accept(internalError(label, e));
      }
    }

    private void read(String label, Source source, String key) {
      if (source instanceof Source.Stdin) {
        if (stdinRead) {
          sink.accept(new InputItem.Skipped(label, "standard input was read above"));
          return;
        }
        stdinRead = true;
        classify(label, key, loader.stdin(stdin));
      } else if (source instanceof Source.File file) {
        Path path = file.path();
        if (!Files.exists(path)) {
          throw unreadable("no such file", "give an existing file or an http(s) URL");
        }
        if (Files.isDirectory(path)) {
          directory(label, key, path);
        } else {
          classify(label, key, loader.file(path));
        }
      } else if (source instanceof Source.ListOf list) {
        list(label, key, list.path());
      } else if (source instanceof Source.Url url) {
        URI uri = SourceLoader.parseUrl(url.url());
        classify(label, key, loader.url(uri));
      } else if (source instanceof Source.Invalid invalid) {
        throw new UnreadableInputException(invalid.kind(), invalid.reason(), invalid.remedy());
      } else if (source instanceof Source.Skip skip) {
        sink.accept(new InputItem.Skipped(label, skip.reason()));
      } else {
        throw new IllegalStateException("no reading for source " + source);
      }
    }

    private void classify(String label, String key, Loaded loaded) {
      if (loaded.bytes().length == 0) {
        throw unreadable("empty (0 bytes)", WHAT_WE_READ);
      }
      String type = sniffer.articleType(loaded.bytes(), loaded.name(), loaded.declaredType());
      boolean feed = FeedParser.isXml(type) || type.equals("text/plain") && feeds.hasFeedRoot(loaded.bytes());
      if (!feed && ArticleReader.isArticle(type) && listed != null) {
        listed.accept(label);
      } else if (!feed && ArticleReader.isArticle(type)) {
        sink.accept(new InputItem.Article(label, articles.read(loaded, type)));
      } else if (feed) {
        FeedParser.Links links = feeds.parse(loaded.bytes(), type);
        URI base = loaded.finalUrl() != null ? loaded.finalUrl() : loaded.url();
        List<Child> children = new ArrayList<>();
        for (String link : links.links().subList(0, Math.min(links.links().size(), maxEntries))) {
          children.add(linked(link, base));
        }
        container(label, key, links.container(), children, children.size(), links.withoutLink(),
            links.links().size() - children.size());
      } else {
        throw unsupported(type, WHAT_WE_READ);
      }
    }

    /** A feed's or sitemap's entry: always an address (never a local file), relative ones against the feed's URL. */
    private Child linked(String link, URI base) {
      try {
        URI uri = new URI(link);
        if (uri.isAbsolute()) {
          return new Child(link, new Source.Url(link));
        }
        if (base == null) {
          return new Child(link, new Source.Invalid(InputItem.ProblemKind.UNREADABLE,
              "a relative address in a local feed or sitemap", "give the feed by its URL, or use absolute addresses"));
        }
        String resolved = base.resolve(uri).toString();
        return new Child(resolved, new Source.Url(resolved));
      } catch (java.net.URISyntaxException | IllegalArgumentException e) {
        return new Child(link, new Source.Invalid(InputItem.ProblemKind.UNREADABLE, "malformed URL",
            "fix the feed or sitemap, or give the article directly"));
      }
    }

    private void directory(String label, String key, Path dir) {
      DirectoryWalk.Walk walk;
      try {
        walk = DirectoryWalk.walk(dir, MAX_DIRECTORY_DEPTH, maxEntries);
      } catch (IOException e) {
        throw new UnreadableInputException("cannot list the directory: " + e.getMessage(),
            "check its permissions", e);
      }
      Path labelPath = Path.of(label);
      List<Child> children = new ArrayList<>();
      int files = 0;
      for (DirectoryWalk.Entry entry : walk.entries()) {
        String childLabel = labelPath.resolve(entry.relative()).toString();
        if (entry instanceof DirectoryWalk.File f) {
          files++;
          children.add(new Child(childLabel, new Source.File(f.path()), true));
        } else if (entry instanceof DirectoryWalk.Skip skip) {
          children.add(new Child(childLabel, new Source.Skip(skip.reason())));
        } else if (entry instanceof DirectoryWalk.Unreadable u) {
          children.add(new Child(childLabel, new Source.Invalid(InputItem.ProblemKind.UNREADABLE, u.reason(),
              "remove it from the directory or give the files directly")));
        }
      }
      container(label, key, InputItem.Container.DIRECTORY, children, files, walk.hidden(), walk.overLimit());
    }

    private void list(String label, String key, Path file) {
      if (!Files.exists(file)) {
        throw unreadable("no such list file", "after @ give an existing file of inputs, one a line");
      }
      if (Files.isDirectory(file)) {
        throw unreadable("a directory, not a list file", "give the directory without @");
      }
      List<String> all = ListFile.entries(loader.file(file).bytes());
      List<String> entries = all.subList(0, Math.min(all.size(), maxEntries));
      Path listDir = file.getParent();
      Path labelDir = Path.of(label.substring(1)).getParent();
      List<Child> children = new ArrayList<>();
      for (String entry : entries) {
        Source source = Source.parse(entry, listDir);
        children.add(new Child(relabel(entry, source, labelDir), source));
      }
      container(label, key, InputItem.Container.LIST, children, children.size(), 0, all.size() - entries.size());
    }

    /** A list entry's label: relative paths are shown relative to where the list was given from. */
    private String relabel(String entry, Source source, Path labelDir) {
      if (source instanceof Source.Stdin) {
        return STDIN;
      }
      boolean path = source instanceof Source.File || source instanceof Source.ListOf;
      if (!path || labelDir == null) {
        return entry;
      }
      try {
        String plain = entry.startsWith("@") ? entry.substring(1) : entry;
        if (Path.of(plain).isAbsolute()) {
          return entry;
        }
        return (entry.startsWith("@") ? "@" : "") + labelDir.resolve(plain).normalize();
      } catch (java.nio.file.InvalidPathException e) {
        return entry;
      }
    }

    /**
     * Reports a container and resolves its children.
     *
     * @param counted how many entries the expansion line counts: all children, or a directory's files only
     */
    private void container(String label, String key, InputItem.Container container, List<Child> children,
        int counted, int leftOut, int overLimit) {
      if (depth >= MAX_DEPTH) {
        throw unreadable("nested more than " + MAX_DEPTH + " levels deep in lists, directories, feeds and sitemaps",
            "give the inner input directly");
      }
      if (key != null) {
        expanded.add(key);
        chain.push(key);
      }
      sink.accept(new InputItem.Expansion(label, container, counted, leftOut, overLimit));
      depth++;
      try {
        for (Child child : children) {
          if (listed != null && container != InputItem.Container.SITEMAP_INDEX
              && child.source() instanceof Source.Url url && url.url().matches("(?i)https?://.*")) {
            listed.accept(url.url());
          } else {
            resolve(child.label(), child.source(), child.walked());
          }
        }
      } finally {
        depth--;
        if (key != null) {
          chain.pop();
        }
      }
    }
  }
}
