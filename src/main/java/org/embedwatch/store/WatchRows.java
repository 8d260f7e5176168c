package org.embedwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code watch} rows (V18). Portable SQL. */
final class WatchRows {
  private WatchRows() {}

  static long insert(Connection c, String input, Watch.Kind kind, Duration every, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into watch(input, kind, every_seconds, paused, added_at,"
        + " articles_found, articles_scheduled) values (?,?,?,false,?,0,0)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, Sql.clip(input, 4000));
      ps.setString(2, kind.key());
      ps.setLong(3, every.toSeconds());
      ps.setObject(4, Sql.time(now));
      return Sql.insert(ps);
    }
  }

  static Optional<Watch> find(Connection c, long id) throws SQLException {
    List<Watch> found = select(c, " where w.id=?", id);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  static List<Watch> all(Connection c) throws SQLException {
    return select(c, "", null);
  }

  private static List<Watch> select(Connection c, String where, Long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select w.*, t.execution_time from watch w"
        + " left join scheduled_tasks t on t.task_name=? and t.task_instance=cast(w.id as varchar(40))" + where
        + " order by w.id")) {
      ps.setString(1, WatchTable.POLL_TASK);
      if (id != null) {
        ps.setLong(2, id);
      }
      List<Watch> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Watch(rs.getLong("id"), rs.getString("input"), Watch.Kind.parse(rs.getString("kind")),
              Duration.ofSeconds(rs.getLong("every_seconds")), rs.getBoolean("paused"), Sql.instant(rs, "added_at"),
              Sql.instant(rs, "last_polled_at"), rs.getString("last_result"), rs.getInt("articles_found"),
              rs.getInt("articles_scheduled"), Sql.instant(rs, "execution_time")));
        }
      }
      return out;
    }
  }

  static boolean setPaused(Connection c, long id, boolean paused) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("update watch set paused=? where id=?")) {
      ps.setBoolean(1, paused);
      ps.setLong(2, id);
      return ps.executeUpdate() > 0;
    }
  }

  static boolean delete(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("delete from watch where id=?")) {
      ps.setLong(1, id);
      return ps.executeUpdate() > 0;
    }
  }

  static void polled(Connection c, long id, WatchTable.Poll poll) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("update watch set last_polled_at=?, last_result=?,"
        + " kind=coalesce(?, kind), articles_found=?, articles_scheduled=articles_scheduled+? where id=?")) {
      ps.setObject(1, Sql.time(poll.at()));
      ps.setString(2, Sql.clip(poll.result(), 1000));
      ps.setString(3, poll.kind() == null ? null : poll.kind().key());
      ps.setInt(4, poll.found());
      ps.setInt(5, poll.scheduled());
      ps.setLong(6, id);
      ps.executeUpdate();
    }
  }
}
