package org.embedwatch.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.embedwatch.evidence.Platform;

/**
 * A new finding or state transition as stored, with what an alert tells about it: the post it is about and the
 * articles that cite it. Its summary is the stored explanation, in observations.
 *
 * @param source {@code finding} (a row of {@code finding}) or {@code state} (a row of {@code post_state})
 * @param sourceId that row's id
 * @param reason the unavailability reason's name ({@code DELETED}, …), or null
 * @param firstSeen when it was first seen: the finding's first sighting, or the check that made the transition
 * @param detail a readable diff or the evidence in full, or null
 * @param post the post it is about, or null (a drift of an article)
 * @param articles the articles citing the post (their URL, or their input when they had none), oldest first
 */
public record StoredAlert(String source, long sourceId, Kind kind, String reason, Instant firstSeen, String summary,
    String detail, Post post, List<String> articles) {
  public StoredAlert {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(firstSeen, "firstSeen");
    articles = List.copyOf(articles);
  }

  /** The stable id of the alert: {@code finding:<id>} or {@code state:<id>}. */
  public String id() {
    return source + ":" + sourceId;
  }

  /** What an alert is about. */
  public enum Kind {
    SUSPECTED_UNAVAILABLE,
    CONFIRMED_UNAVAILABLE,
    REAPPEARED,
    ALTERED,
    CITATION_MISMATCH,
    ARTICLE_DRIFT;

    /** The name in JSON and feeds: {@code suspected_unavailable}, … */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The post an alert is about.
   *
   * @param handle the author's handle, or null
   */
  public record Post(long ref, Platform platform, String postId, String handle, String url) {}
}
