package org.embedwatch.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A stored watch: an input polled for new articles at its own interval. Immutable.
 *
 * @param input the input as given and validated (paths absolute)
 * @param kind what the input is, as known: from its form when added, from its expansion once polled
 * @param lastPolledAt the last poll, or null before the first
 * @param lastResult what the last poll gave, one line, or null before the first
 * @param articlesFound how many article addresses the last poll listed
 * @param articlesScheduled how many articles all polls so far scheduled for archiving
 * @param nextPoll when its poll-watch task runs next, or null when it has none (being removed)
 */
public record Watch(long id, String input, Kind kind, Duration every, boolean paused, Instant addedAt,
    Instant lastPolledAt, String lastResult, int articlesFound, int articlesScheduled, Instant nextPoll) {

  /** What a watched input is. */
  public enum Kind {
    FEED,
    SITEMAP,
    LIST,
    PAGE,
    POST;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind parse(String key) {
      return valueOf(key.toUpperCase(Locale.ROOT));
    }
  }
}
