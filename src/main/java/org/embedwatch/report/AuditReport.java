package org.embedwatch.report;

import java.util.List;

/**
 * What was cited where, and what has happened to each cited post since: the content of every report format. Times
 * are ISO-8601 UTC strings; nullable fields are null when unknown.
 */
public record AuditReport(String generatedAt, List<ArticleEntry> articles, List<PostEntry> posts,
    List<FindingEntry> findings) {
  public AuditReport {
    articles = List.copyOf(articles);
    posts = List.copyOf(posts);
    findings = List.copyOf(findings);
  }

  /**
   * A finding beside the availability state (ALTERED, CITATION_MISMATCH, ARTICLE_DRIFT, …), as stored when first seen.
   *
   * @param post {@code platform postId} of the post it is about, or null
   * @param article the input of the article it is about, or null
   * @param detail a readable diff or the evidence in full, or null
   */
  public record FindingEntry(String kind, String firstSeen, String post, String article, String summary,
      String detail) {}

  /** One article capture and its references. */
  public record ArticleEntry(String input, String url, String capturedAt, String mediaType, String charset,
      String sha256, long bytes, List<CitationEntry> citations) {
    public ArticleEntry {
      citations = List.copyOf(citations);
    }
  }

  /** One reference as the article gives it, with the cited post's current state. */
  public record CitationEntry(String platform, String postId, String handle, String url, String forms, String scope,
      String citedText, String citedDate, String displayName, String postState, String postReason) {}

  /** One post: its state, the explanation from observations, its state history and captures. */
  public record PostEntry(String platform, String postId, String handle, String url, String state, String reason,
      String stateSince, String lastCheckedAt, String explanation, int checks, List<HistoryEntry> history,
      List<CaptureEntry> captures, List<LinkEntry> links, List<FindingEntry> findings) {
    public PostEntry {
      history = List.copyOf(history);
      captures = List.copyOf(captures);
      links = List.copyOf(links);
      findings = List.copyOf(findings);
    }
  }

  /**
   * A link between this post and another that a capture showed.
   *
   * @param relation {@code quotes}, {@code replies to}, {@code quoted by} or {@code replied to by}
   * @param state the other post's state when it has a row of its own, else null (not followed)
   * @param firstSeen when a capture first showed the link
   */
  public record LinkEntry(String relation, String platform, String postId, String handle, String state,
      String reason, String firstSeen) {
    /** {@code quotes x 123 @jane (AVAILABLE), seen since T}; "not followed" when the other post has no row. */
    public String describe() {
      return relation + " " + platform + " " + postId + (handle == null ? "" : " @" + handle) + " ("
          + (state == null ? "not followed" : state.toUpperCase(java.util.Locale.ROOT)
              + (reason == null ? "" : ", " + reason)) + "), since " + firstSeen;
    }
  }

  /** One state transition. */
  public record HistoryEntry(String state, String reason, String since) {}

  /** One stored capture of a post: what the endpoint served, by digest, and its media. */
  public record CaptureEntry(String capturedAt, String endpoint, String bodySha256, String fingerprint, String text,
      String authorHandle, List<MediaEntry> media) {
    public CaptureEntry {
      media = List.copyOf(media);
    }
  }

  /** One media item of a capture. */
  public record MediaEntry(String kind, String sourceUrl, String outcome, String sha256, String contentType,
      long bytes, String path) {}
}
