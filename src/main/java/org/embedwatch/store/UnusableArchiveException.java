package org.embedwatch.store;

import org.embedwatch.EmbedwatchException;

/**
 * The database at a URL cannot be used as asked: there is none (and the command may not create one), it holds no
 * Embedwatch schema, or its schema is of another version than this Embedwatch's migrations. The composition root turns
 * it into a message that names the archive and the command to run.
 */
public final class UnusableArchiveException extends EmbedwatchException {
  /** What is wrong with the database. */
  public enum Reason {
    /** No database file there (H2 was told not to create one). */
    NO_DATABASE,
    /** A database without Embedwatch's schema history. */
    NO_SCHEMA,
    /** Migrations of this version are not applied yet: a writing command applies them. */
    OLDER_SCHEMA,
    /** Migrations this version does not know were applied: a newer Embedwatch wrote it. */
    NEWER_SCHEMA
  }

  private final Reason reason;
  private final String found;
  private final String expected;

  UnusableArchiveException(Reason reason, String url, String found, String expected, Throwable cause) {
    super(describe(reason, url, found, expected), cause);
    this.reason = reason;
    this.found = found;
    this.expected = expected;
  }

  private static String describe(Reason reason, String url, String found, String expected) {
    return switch (reason) {
      case NO_DATABASE -> "no database at " + url;
      case NO_SCHEMA -> "the database at " + url + " holds no Embedwatch schema";
      case OLDER_SCHEMA -> "the database at " + url + " has schema version " + found + ", older than this version's "
          + expected;
      case NEWER_SCHEMA -> "the database at " + url + " has schema version " + found + ", newer than this version's "
          + expected;
    };
  }

  public Reason reason() {
    return reason;
  }

  /** The schema version found, or empty when there is none. */
  public String found() {
    return found;
  }

  /** The schema version of this Embedwatch's migrations. */
  public String expected() {
    return expected;
  }
}
