package org.embedwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;

/**
 * The {@code host_park} rows: one per host, holding the latest time any process was told to leave the host alone
 * until. Portable SQL (H2 and PostgreSQL): a conditional update, else an insert under a savepoint, whose unique-key
 * violation (23505) means another process inserted the row meanwhile, so the update runs again.
 */
final class ParkRows {
  /** The column's width (a DNS name's longest). */
  private static final int HOST_WIDTH = 253;

  private ParkRows() {}

  /** Keeps {@code until} for {@code host} unless a later time is kept already. */
  static void upsert(Connection c, String host, Instant until) throws SQLException {
    String key = Sql.clip(host, HOST_WIDTH);
    if (update(c, key, until) || exists(c, key)) {
      return;
    }
    Savepoint before = c.setSavepoint();
    try (PreparedStatement ps = c.prepareStatement("insert into host_park(host, parked_until) values (?,?)")) {
      ps.setString(1, key);
      ps.setObject(2, Sql.time(until));
      ps.executeUpdate();
      c.releaseSavepoint(before);
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(before);
      update(c, key, until);
    }
  }

  /** Moves the host's row back to {@code until} when its time is later. */
  static void cut(Connection c, String host, Instant until) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "update host_park set parked_until=? where host=? and parked_until>?")) {
      ps.setObject(1, Sql.time(until));
      ps.setString(2, Sql.clip(host, HOST_WIDTH));
      ps.setObject(3, Sql.time(until));
      ps.executeUpdate();
    }
  }

  /** Moves the host's row to {@code until} when its time is earlier; returns whether it did. */
  private static boolean update(Connection c, String host, Instant until) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "update host_park set parked_until=? where host=? and parked_until<?")) {
      ps.setObject(1, Sql.time(until));
      ps.setString(2, host);
      ps.setObject(3, Sql.time(until));
      return ps.executeUpdate() > 0;
    }
  }

  /** The time kept for {@code host}, if any. */
  static java.util.Optional<Instant> find(Connection c, String host) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select parked_until from host_park where host=?")) {
      ps.setString(1, Sql.clip(host, HOST_WIDTH));
      try (var rs = ps.executeQuery()) {
        return rs.next() ? java.util.Optional.of(Sql.instant(rs, "parked_until")) : java.util.Optional.empty();
      }
    }
  }

  private static boolean exists(Connection c, String host) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from host_park where host=?")) {
      ps.setString(1, host);
      try (var rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
