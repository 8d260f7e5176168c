package org.embedwatch.read;

import java.util.Locale;
import java.util.Objects;

/**
 * One step of expanding the inputs of {@code extract} or {@code archive}: an article read, a container (directory,
 * list file, feed, sitemap) expanded into the entries that follow it, an entry skipped, or a problem. Every input given
 * or found ends in exactly one item. Immutable.
 */
public sealed interface InputItem {
  /** The input as the operator would recognise it: as given, or derived from the container it came from. */
  String input();

  /** What this item is, for an exhaustive switch. */
  Kind kind();

  /** The variants of {@link InputItem}. */
  enum Kind {
    ARTICLE,
    EXPANSION,
    SKIPPED,
    PROBLEM
  }

  /** An article, read and decoded; ready for extraction. */
  record Article(String input, ArticleCapture capture) implements InputItem {
    public Article {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(capture, "capture");
    }

    @Override
    public Kind kind() {
      return Kind.ARTICLE;
    }
  }

  /**
   * A container that expanded into {@code entries} inputs; the items of those entries follow this one.
   *
   * @param entries how many entries follow; for a directory, how many files (links not followed, pipes, devices
   *     and directories not walked also follow, with their own items, but are not counted)
   * @param leftOut what was not listed and is not counted in {@code entries}: feed items or sitemap entries without
   *     an address, or the hidden entries of a directory
   * @param overLimit entries left out past the limit of entries per container (in a directory, one per entry or
   *     directory not walked into)
   */
  record Expansion(String input, Container container, int entries, int leftOut, int overLimit) implements InputItem {
    public Expansion {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(container, "container");
    }

    @Override
    public Kind kind() {
      return Kind.EXPANSION;
    }
  }

  /** An entry not read, and why: a container already expanded above, or a loop. Not an error. */
  record Skipped(String input, String reason) implements InputItem {
    @Override
    public Kind kind() {
      return Kind.SKIPPED;
    }
  }

  /**
   * An input that could not be used.
   *
   * @param problem unreadable (missing, too large, malformed, failed to fetch) or unsupported (a type we do not read)
   * @param reason why, in a few words (for an unsupported input, its media type first)
   * @param remedy what the operator can do about it
   */
  record Problem(String input, ProblemKind problem, String reason, String remedy) implements InputItem {
    @Override
    public Kind kind() {
      return Kind.PROBLEM;
    }
  }

  /** Why an input could not be used. */
  enum ProblemKind {
    UNREADABLE,
    UNSUPPORTED;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The kinds of input that expand into other inputs. */
  enum Container {
    DIRECTORY("directory", "file", "files"),
    LIST("list", "input", "inputs"),
    RSS_FEED("RSS feed", "article", "articles"),
    ATOM_FEED("Atom feed", "article", "articles"),
    SITEMAP("sitemap", "page", "pages"),
    SITEMAP_INDEX("sitemap index", "sitemap", "sitemaps");

    private final String label;
    private final String one;
    private final String many;

    Container(String label, String one, String many) {
      this.label = label;
      this.one = one;
      this.many = many;
    }

    /** How the operator calls it: "RSS feed". */
    public String label() {
      return label;
    }

    /** "12 articles", "1 sitemap". */
    public String count(int n) {
      return n + " " + (n == 1 ? one : many);
    }

    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
