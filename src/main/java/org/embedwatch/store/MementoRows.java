package org.embedwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import org.embedwatch.evidence.MementoListing;
import org.embedwatch.evidence.Observation;

/** Memento rows: what web archives list about a post, each memento URI stored once per post. */
final class MementoRows {
  private MementoRows() {}

  static boolean mementoExists(Connection c, long postRef, String uri) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from memento where post_ref=? and memento_uri=?")) {
      ps.setLong(1, postRef);
      ps.setString(2, Sql.clip(uri, 2048));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Appends the archive's observation and the mementos it listed that are not stored yet; how many were new. */
  static int listed(Connection c, long postRef, Observation observation, java.util.List<MementoListing> mementos)
      throws SQLException {
    long observationId = ObservationRows.insertObservation(c, postRef, observation, null);
    int added = 0;
    for (MementoListing m : mementos) {
      if (m.uri().length() > MementoListing.MAX_URI || mementoExists(c, postRef, m.uri())) {
        continue;
      }
      try (PreparedStatement ps = c.prepareStatement("insert into memento(post_ref, source, original_url,"
          + " memento_ts, memento_at, memento_uri, status_code, digest, mimetype, record_length, found_at,"
          + " observation_id, warc_file, warc_offset, warc_record_id) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        ps.setLong(1, postRef);
        ps.setString(2, m.source());
        ps.setString(3, Sql.clip(m.originalUrl(), 4000));
        ps.setString(4, Sql.clip(m.timestamp(), 14));
        ps.setObject(5, Sql.time(m.at()));
        ps.setString(6, Sql.clip(m.uri(), 2048));
        ps.setString(7, Sql.clip(m.statusCode(), 8));
        ps.setString(8, Sql.clip(m.digest(), 64));
        ps.setString(9, Sql.clip(m.mimetype(), 200));
        Sql.setLong(ps, 10, m.length());
        ps.setObject(11, Sql.time(observation.observedAt()));
        ps.setLong(12, observationId);
        Sql.setWarc(ps, 13, observation.warc());
        ps.executeUpdate();
        added++;
      }
    }
    return added;
  }
}
