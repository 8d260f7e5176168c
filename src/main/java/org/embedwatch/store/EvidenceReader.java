package org.embedwatch.store;

import org.embedwatch.evidence.MediaKind;
import org.embedwatch.evidence.MediaOutcome;
import org.embedwatch.evidence.FindingKind;
import org.embedwatch.evidence.LinkKind;
import org.embedwatch.evidence.ArticleCaptureRecord;
import org.embedwatch.evidence.CaptureRecord;
import org.embedwatch.evidence.CapturedArticle;
import org.embedwatch.evidence.CitationRecord;
import org.embedwatch.evidence.FindingRecord;
import org.embedwatch.evidence.LinkRecord;
import org.embedwatch.evidence.MementoRecord;
import org.embedwatch.evidence.ObservationRecord;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.evidence.StateChange;
import org.embedwatch.evidence.Finding;
import org.embedwatch.evidence.Media;
import org.embedwatch.evidence.MementoListing;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.PostCapture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.embedwatch.evidence.ContentFacets;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.PostState;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.extract.Reference;

/** Read-only queries over the stored evidence, for checks, status and reports. Thread-safe. */
public final class EvidenceReader {
  private static final String POST_COLUMNS = "id, platform, post_id, handle, url, first_seen, state, state_reason,"
      + " state_since, last_checked_at, next_check_at, state_evidence";

  private final Database db;

  public EvidenceReader(Database db) {
    this.db = db;
  }

  /** Every post, oldest first. */
  public List<PostRecord> posts() {
    return db.inTransaction(c -> posts(c, "select " + POST_COLUMNS + " from post order by id"));
  }

  /** Posts whose next check is at or before {@code now}. */
  public List<PostRecord> duePosts(Instant now) {
    return db.inTransaction(c -> posts(c, "select " + POST_COLUMNS + " from post where next_check_at <= ?"
        + " order by next_check_at, id", now));
  }

  /** The post with this platform id or URL (any platform), if stored. */
  public Optional<PostRecord> findPost(String idOrUrl) {
    return db.inTransaction(c -> {
      List<PostRecord> found = posts(c, "select " + POST_COLUMNS + " from post where post_id = ? or url = ?"
          + " order by id", idOrUrl, idOrUrl);
      return found.stream().findFirst();
    });
  }

  /** A post's observations in the order they were made. */
  public List<ObservationRecord> observations(long postRef) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "select * from observation where post_ref=? order by observed_at, id")) {
        ps.setLong(1, postRef);
        List<ObservationRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String sha = rs.getString("body_sha256");
            String reason = rs.getString("reason");
            int status = rs.getInt("http_status");
            Integer httpStatus = rs.wasNull() ? null : status;
            out.add(new ObservationRecord(rs.getLong("id"), postRef, new Observation(
                Sql.instant(rs, "observed_at"), rs.getString("endpoint"), rs.getString("request_url"),
                httpStatus, Outcome.valueOf(rs.getString("outcome")),
                reason == null ? null : UnavailableReason.valueOf(reason), rs.getString("detail"),
                sha == null ? null : new Sha256(sha), rs.getString("fingerprint"), Sql.warc(rs),
                rs.getInt("check_seq"), rs.getString("pictures"))));
          }
        }
        return out;
      }
    });
  }

  /** A post's captures (raw bodies and media) in the order they were made. */
  public List<CaptureRecord> captures(long postRef) {
    return captures(postRef, true);
  }

  /**
   * A post's captures as {@link #captures(long)} gives them, but without reading the raw bodies (each capture's
   * {@code body} is empty; its SHA-256 and scope are kept): what a re-check compares.
   */
  public List<CaptureRecord> capturesWithoutBodies(long postRef) {
    return captures(postRef, false);
  }

  private List<CaptureRecord> captures(long postRef, boolean bodies) {
    return db.inTransaction(c -> {
      List<CaptureRecord> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("select id, observation_id, captured_at, endpoint, body_sha256,"
          + " body_scope, fingerprint, text, author_handle, author_name, created_at, facets"
          + (bodies ? ", body" : "") + " from post_capture where post_ref=? order by captured_at, id")) {
        ps.setLong(1, postRef);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long id = rs.getLong("id");
            String facets = rs.getString("facets");
            out.add(new CaptureRecord(id, postRef, rs.getLong("observation_id"), Sql.instant(rs, "captured_at"),
                new PostCapture(rs.getString("endpoint"), bodies ? rs.getBytes("body") : new byte[0],
                    new Sha256(rs.getString("body_sha256")), rs.getString("body_scope"), rs.getString("fingerprint"), rs.getString("text"),
                    rs.getString("author_handle"), rs.getString("author_name"), rs.getString("created_at"),
                    media(c, id), facets == null ? null : ContentFacets.parse(facets))));
          }
        }
      }
      return out;
    });
  }

  /** The hosts an earlier run was told to leave alone until a time after {@code now}. */
  public java.util.Map<String, Instant> parks(Instant now) {
    return db.inTransaction(c -> {
      java.util.Map<String, Instant> out = new java.util.TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement("select host, parked_until from host_park");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant until = Sql.instant(rs, "parked_until");
          if (until.isAfter(now)) {
            out.put(rs.getString("host"), until);
          }
        }
      }
      return out;
    });
  }

  /** The park kept for {@code host} by any process (one short read), if any, even one that has ended. */
  public Optional<Instant> park(String host) {
    return db.inTransaction(c -> ParkRows.find(c, host));
  }

  /** Every stored finding, first seen first. */
  public List<FindingRecord> findings() {
    return findings("select * from finding order by first_seen, id", null);
  }

  /** The findings about post {@code postRef}, first seen first. */
  public List<FindingRecord> findings(long postRef) {
    return findings("select * from finding where post_ref = ? order by first_seen, id", postRef);
  }

  private List<FindingRecord> findings(String sql, Long postRef) {
    return db.inTransaction(c -> {
      List<FindingRecord> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (postRef != null) {
          ps.setLong(1, postRef);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new FindingRecord(rs.getLong("id"), new Finding(FindingKind.valueOf(rs.getString("kind")),
                rs.getString("finding_key"), nullableLong(rs, "post_ref"), nullableLong(rs, "citation_id"),
                nullableLong(rs, "article_id"), nullableLong(rs, "observation_id"), Sql.instant(rs, "first_seen"),
                rs.getString("summary"), rs.getString("detail"))));
          }
        }
      }
      return out;
    });
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /** The post row {@code postRef}, if it exists. */
  public Optional<PostRecord> post(long postRef) {
    return db.inTransaction(c -> post(c, postRef));
  }

  /** The posts {@code postRef}'s captures named (quoted, replied to), first seen first. */
  public List<LinkRecord> linksFrom(long postRef) {
    return links("from_post", postRef);
  }

  /** The links naming {@code postRef}: the posts that quote it or reply to it, first seen first. */
  public List<LinkRecord> linksTo(long postRef) {
    return links("to_post", postRef);
  }

  private List<LinkRecord> links(String column, long postRef) {
    return db.inTransaction(c -> {
      List<LinkRecord> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("select * from post_link where " + column + " = ?"
          + " order by first_seen, id")) {
        ps.setLong(1, postRef);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long to = rs.getLong("to_post");
            Long toPost = rs.wasNull() ? null : to;
            out.add(new LinkRecord(rs.getLong("from_post"), LinkKind.parse(rs.getString("kind")),
                Platform.parse(rs.getString("to_platform")), rs.getString("to_post_id"), rs.getString("to_handle"),
                toPost, Sql.instant(rs, "first_seen")));
          }
        }
      }
      return out;
    });
  }

  /** The mementos stored for a post, oldest capture first. */
  public List<MementoRecord> mementos(long postRef) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "select * from memento where post_ref=? order by memento_at, id")) {
        ps.setLong(1, postRef);
        List<MementoRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long length = rs.getLong("record_length");
            Long recordLength = rs.wasNull() ? null : length;
            out.add(new MementoRecord(rs.getLong("id"), postRef, new MementoListing(rs.getString("source"),
                rs.getString("original_url"), rs.getString("memento_ts"), Sql.instant(rs, "memento_at"),
                rs.getString("memento_uri"), rs.getString("status_code"), rs.getString("digest"),
                rs.getString("mimetype"), recordLength), Sql.instant(rs, "found_at"), rs.getLong("observation_id"),
                Sql.warc(rs)));
          }
        }
        return out;
      }
    });
  }

  /** A post's state transitions, oldest first. */
  public List<StateChange> stateHistory(long postRef) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "select * from post_state where post_ref=? order by since, id")) {
        ps.setLong(1, postRef);
        List<StateChange> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String reason = rs.getString("reason");
            out.add(new StateChange(PostState.valueOf(rs.getString("state")),
                reason == null ? null : UnavailableReason.valueOf(reason), Sql.instant(rs, "since"),
                rs.getLong("observation_id")));
          }
        }
        return out;
      }
    });
  }

  /** Every article capture, oldest first. */
  public List<ArticleCaptureRecord> articleCaptures() {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("select ac.*, a.input, a.url from article_capture ac"
          + " join article a on a.id = ac.article_id order by ac.captured_at, ac.id");
          ResultSet rs = ps.executeQuery()) {
        List<ArticleCaptureRecord> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new ArticleCaptureRecord(rs.getLong("id"), rs.getLong("article_id"), new CapturedArticle(
              rs.getString("input"), rs.getString("url"), Sql.instant(rs, "captured_at"),
              rs.getString("media_type"), rs.getString("charset"), new Sha256(rs.getString("sha256")),
              rs.getLong("byte_length"), rs.getString("body_path"), Sql.warc(rs), rs.getString("final_url"))));
        }
        return out;
      }
    });
  }

  /** The references stored for one article capture, in extraction order. */
  public List<CitationRecord> citations(long articleCaptureId) {
    return citations("select * from citation where article_capture_id=? order by id", articleCaptureId);
  }

  /** X remnants (no post id) not linked to a post yet, oldest first: what {@code resolve} retries. */
  public List<CitationRecord> unresolvedRemnants() {
    return citations("select * from citation where post_ref is null and platform=? and handle is not null"
        + " order by id", Platform.X.key());
  }

  /** Every stored reference to post {@code postRef}, from every article capture, oldest first. */
  public List<CitationRecord> citationsOfPost(long postRef) {
    return citations("select * from citation where post_ref=? order by article_capture_id, id", postRef);
  }

  private List<CitationRecord> citations(String sql, Object param) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setObject(1, param);
        List<CitationRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long ref = rs.getLong("post_ref");
            Long postRef = rs.wasNull() ? null : ref;
            List<Reference.Form> forms = Arrays.stream(rs.getString("forms").split(","))
                .map(f -> Reference.Form.valueOf(f.toUpperCase(java.util.Locale.ROOT))).toList();
            Reference r = new Reference(Platform.parse(rs.getString("platform")), rs.getString("post_id"),
                rs.getString("handle"), rs.getString("url"), forms,
                Reference.Scope.valueOf(rs.getString("scope").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("cited_text"), rs.getString("cited_date"), rs.getString("display_name"),
                rs.getString("lang"));
            out.add(new CitationRecord(rs.getLong("id"), rs.getLong("article_capture_id"), postRef, r));
          }
        }
        return out;
      }
    });
  }

  /** The article capture {@code id}, if stored. */
  public Optional<ArticleCaptureRecord> articleCapture(long id) {
    return articleCaptures().stream().filter(a -> a.id() == id).findFirst();
  }

  /** The captures of article {@code articleId}, oldest first. */
  public List<ArticleCaptureRecord> articleCapturesOf(long articleId) {
    return articleCaptures().stream().filter(a -> a.articleId() == articleId).toList();
  }

  /** The article row whose input is {@code input}, if stored. */
  public Optional<Long> findArticle(String input) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("select id from article where input=?")) {
        ps.setString(1, input);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
        }
      }
    });
  }

  private static List<Media> media(Connection c, long captureId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select pcm.*, m.sha256, m.content_type, m.byte_length, m.path, m.dhash"
        + " from post_capture_media pcm left join media m on m.id = pcm.media_id"
        + " where pcm.post_capture_id=? order by pcm.id")) {
      ps.setLong(1, captureId);
      List<Media> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String sha = rs.getString("sha256");
          out.add(new Media(MediaKind.parse(rs.getString("kind")), rs.getString("source_url"),
              MediaOutcome.parse(rs.getString("outcome")),
              sha == null ? null : new Sha256(sha), rs.getString("content_type"), rs.getLong("byte_length"),
              rs.getString("path"), Sql.warc(rs), nullableLong(rs, "dhash")));
        }
      }
      return out;
    }
  }

  static Optional<PostRecord> post(Connection c, long id) throws SQLException {
    return posts(c, "select " + POST_COLUMNS + " from post where id = ?", id).stream().findFirst();
  }

  /** The post with this identity (see {@link EvidenceStore#identity}) on {@code platform}. */
  static Optional<PostRecord> postByIdentity(Connection c, Platform platform, String identity) throws SQLException {
    return posts(c, "select " + POST_COLUMNS + " from post where platform = ? and identity = ?", platform.key(),
        identity).stream().findFirst();
  }

  private static List<PostRecord> posts(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        Object p = params[i];
        ps.setObject(i + 1, p instanceof Instant t ? Sql.time(t) : p);
      }
      List<PostRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String reason = rs.getString("state_reason");
          out.add(new PostRecord(rs.getLong("id"), Platform.parse(rs.getString("platform")),
              rs.getString("post_id"), rs.getString("handle"), rs.getString("url"), Sql.instant(rs, "first_seen"),
              PostState.valueOf(rs.getString("state")), reason == null ? null : UnavailableReason.valueOf(reason),
              Sql.instant(rs, "state_since"), Sql.instant(rs, "last_checked_at"),
              Sql.instant(rs, "next_check_at"), rs.getString("state_evidence")));
        }
      }
      return out;
    }
  }
}
