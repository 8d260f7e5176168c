package org.embedwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.embedwatch.evidence.Check;
import org.embedwatch.evidence.CheckedEndpoint;
import org.embedwatch.evidence.DerivedState;
import org.embedwatch.evidence.Finding;
import org.embedwatch.evidence.PostLink;
import org.embedwatch.evidence.PostRecord;

/**
 * The rows of one check: the check with its policy, every endpoint's observation, captures, media, links and findings,
 * the state transition when the state changed, and the post's cached state and next due time.
 */
final class CheckRows {
  private CheckRows() {}

  /** Records {@code check}, or nothing when a check with its key is stored already. */
  static EvidenceStore.RecordedCheck record(Connection c, Check check) throws SQLException {
    Optional<EvidenceStore.RecordedCheck> earlier = byKey(c, check.key());
    if (earlier.isPresent()) {
      return earlier.get();
    }
    PostRecord post = EvidenceReader.post(c, check.postRef()).orElseThrow(
        () -> new IllegalStateException("no post row " + check.postRef()));
    int number = lastNumber(c, check.postRef()) + 1;
    Optional<Long> inserted = InsertOrIgnore.run(c, () -> insertCheck(c, check, number));
    if (inserted.isEmpty()) {
      // Another writer recorded this key, or this number, just now: the post was checked at this due time.
      return byKey(c, check.key()).orElseThrow(() -> new SQLException("check " + number + " of post "
          + check.postRef() + " was recorded by another process at the same time", "40001"));
    }
    long checkId = inserted.get();
    List<Long> observationIds = new ArrayList<>();
    List<PostRecord> discovered = new ArrayList<>();
    for (CheckedEndpoint e : check.endpoints()) {
      long observationId = ObservationRows.insertObservation(c, check.postRef(), e.observation().inCheck(number),
          checkId);
      observationIds.add(observationId);
      if (e.capture() != null) {
        ObservationRows.insertCapture(c, check.postRef(), observationId, e.observation().observedAt(), e.capture(),
            null);
        for (PostLink link : e.links()) {
          LinkRows.insertLink(c, check.postRef(), observationId, e.observation().observedAt(), link)
              .ifPresent(discovered::add);
        }
      }
      for (Finding f : e.findings()) {
        FindingRows.insertFinding(c, f.observationId() != null ? f : f.withObservation(observationId));
      }
    }
    boolean changed = transition(c, post, check, observationIds);
    LinkRows.neverChecked(c, check.postRef()).stream()
        .filter(p -> discovered.stream().noneMatch(d -> d.id() == p.id())).forEach(discovered::add);
    return new EvidenceStore.RecordedCheck(checkId, number, false, changed, observationIds, discovered);
  }

  private static long insertCheck(Connection c, Check check, int number) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into post_check(post_ref, check_no, check_key, checked_at,"
        + " state, reason, confirm_checks, confirm_span_seconds, confirm_endpoints, endpoints, interval_seconds,"
        + " refetch_photos, next_check_at, cadence) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, check.postRef());
      ps.setInt(2, number);
      ps.setString(3, check.key());
      ps.setObject(4, Sql.time(check.at()));
      ps.setString(5, check.state().state().name());
      ps.setString(6, check.state().reason() == null ? null : check.state().reason().name());
      ps.setInt(7, check.policy().confirmation().checks());
      ps.setLong(8, check.policy().confirmation().span().getSeconds());
      ps.setInt(9, check.policy().confirmation().endpoints());
      ps.setString(10, Sql.clip(String.join(",", check.policy().endpoints()), 1000));
      ps.setLong(11, java.time.Duration.between(check.at(), check.nextDue()).getSeconds());
      ps.setBoolean(12, check.policy().refetchPhotos());
      ps.setObject(13, Sql.time(check.nextDue()));
      ps.setString(14, Sql.clip(check.policy().cadence(), 200));
      return Sql.insert(ps);
    }
  }

  /** The highest check number of the post: of its check rows, or of observations numbered before they existed. */
  private static int lastNumber(Connection c, long postRef) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select coalesce(max(check_seq), 0) from observation"
        + " where post_ref=?")) {
      ps.setLong(1, postRef);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        int fromObservations = rs.getInt(1);
        try (PreparedStatement q = c.prepareStatement("select coalesce(max(check_no), 0) from post_check"
            + " where post_ref=?")) {
          q.setLong(1, postRef);
          try (ResultSet r = q.executeQuery()) {
            r.next();
            return Math.max(fromObservations, r.getInt(1));
          }
        }
      }
    }
  }

  private static Optional<EvidenceStore.RecordedCheck> byKey(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select id, check_no from post_check where check_key=?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new EvidenceStore.RecordedCheck(rs.getLong(1), rs.getInt(2), true, false, List.of(),
            List.of()));
      }
    }
  }

  /**
   * Stores a transition when the check's state differs from the post's, with its explanation and the observations
   * behind it, and updates the post's cached state, last check and next due time.
   *
   * @return whether the state changed
   */
  private static boolean transition(Connection c, PostRecord post, Check check, List<Long> observationIds)
      throws SQLException {
    DerivedState derived = check.state();
    boolean changed = post.state() != derived.state() || post.reason() != derived.reason();
    java.time.Instant since = changed ? check.at() : post.stateSince();
    if (changed) {
      long stateId;
      try (PreparedStatement ps = c.prepareStatement("insert into post_state(post_ref, state, reason, since,"
          + " observation_id, evidence) values (?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
        ps.setLong(1, post.id());
        ps.setString(2, derived.state().name());
        ps.setString(3, derived.reason() == null ? null : derived.reason().name());
        ps.setObject(4, Sql.time(since));
        ps.setLong(5, observationIds.get(observationIds.size() - 1));
        ps.setString(6, Sql.clip(derived.explanation(), 4000));
        stateId = Sql.insert(ps);
      }
      Set<Long> ids = new LinkedHashSet<>();
      int prior = check.priorObservations().size();
      for (int position : derived.evidence()) {
        ids.add(position < prior ? check.priorObservations().get(position) : observationIds.get(position - prior));
      }
      try (PreparedStatement ps = c.prepareStatement(
          "insert into state_evidence(post_state_id, observation_id) values (?,?)")) {
        for (long id : ids) {
          ps.setLong(1, stateId);
          ps.setLong(2, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("update post set state=?, state_reason=?, state_since=?,"
        + " last_checked_at=?, next_check_at=?, state_evidence=? where id=?")) {
      ps.setString(1, derived.state().name());
      ps.setString(2, derived.reason() == null ? null : derived.reason().name());
      ps.setObject(3, Sql.time(since));
      ps.setObject(4, Sql.time(check.at()));
      ps.setObject(5, Sql.time(check.nextDue()));
      ps.setString(6, derived.explanation() == null ? post.stateEvidence() : Sql.clip(derived.explanation(), 4000));
      ps.setLong(7, post.id());
      ps.executeUpdate();
    }
    TaskRows.moveCheck(c, post.id(), check.nextDue());
    return changed;
  }
}
