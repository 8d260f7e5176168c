package org.embedwatch.testsupport;

import java.util.List;
import java.util.function.Function;
import org.embedwatch.evidence.ArticleCaptureRecord;
import org.embedwatch.evidence.CaptureRecord;
import org.embedwatch.evidence.CheckRecord;
import org.embedwatch.evidence.FindingRecord;
import org.embedwatch.evidence.MementoRecord;
import org.embedwatch.evidence.ObservationRecord;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.evidence.StateChange;
import org.embedwatch.store.CheckReader;
import org.embedwatch.store.Database;
import org.embedwatch.store.EvidenceReader;

/**
 * What a test reads of an archive's stored evidence, through the store's own readers instead of raw SQL, so that
 * schema changes do not ripple into every integration test.
 */
public final class EvidenceView {
  private final CliRunner cli;

  public EvidenceView(CliRunner cli) {
    this.cli = cli;
  }

  /** Everything stored about one post: its observations, checks, state transitions and findings. */
  public record Post(PostRecord post, List<ObservationRecord> observations, List<CheckRecord> checks,
      List<StateChange> transitions, List<FindingRecord> findings) {}

  /** The stored post whose platform id is {@code postId}, with its observations and checks. */
  public Post post(String postId) {
    return read(db -> {
      EvidenceReader reader = new EvidenceReader(db);
      PostRecord p = reader.findPost(postId).orElseThrow(() -> new AssertionError("no post " + postId + " stored"));
      return new Post(p, reader.observations(p.id()), new CheckReader(db).checks(p.id()), reader.stateHistory(p.id()),
          reader.findings(p.id()));
    });
  }

  /** Every stored post with its observations and checks. */
  public List<Post> posts() {
    return read(db -> {
      EvidenceReader reader = new EvidenceReader(db);
      CheckReader checks = new CheckReader(db);
      return reader.posts().stream()
          .map(p -> new Post(p, reader.observations(p.id()), checks.checks(p.id()), reader.stateHistory(p.id()),
              reader.findings(p.id()))).toList();
    });
  }

  /** One post with everything stored about it: its checks and observations, captures (bodies, media) and mementos. */
  public record PostEvidence(Post post, List<CaptureRecord> captures, List<MementoRecord> mementos) {}

  /** The whole stored archive: every post with all of its evidence, and every article capture. */
  public record Stored(List<PostEvidence> posts, List<ArticleCaptureRecord> articleCaptures) {}

  /** Every post with all of its evidence and every article capture, read with the database opened once. */
  public Stored stored() {
    return read(db -> {
      EvidenceReader reader = new EvidenceReader(db);
      CheckReader checks = new CheckReader(db);
      List<PostEvidence> posts = reader.posts().stream()
          .map(p -> new PostEvidence(new Post(p, reader.observations(p.id()), checks.checks(p.id()),
              reader.stateHistory(p.id()), reader.findings(p.id())), reader.captures(p.id()), reader.mementos(p.id())))
          .toList();
      return new Stored(posts, reader.articleCaptures());
    });
  }

  /** The hosts whose stored park ends after {@code now}, and when it ends. */
  public java.util.Map<String, java.time.Instant> parks(java.time.Instant now) {
    return read(db -> new EvidenceReader(db).parks(now));
  }

  private <T> T read(Function<Database, T> work) {
    try (Database db = cli.database()) {
      return work.apply(db);
    }
  }
}
