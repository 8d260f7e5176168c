package org.embedwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The alert sinks of an archive and the delivery of each alert to each of them ({@code alert_sink},
 * {@code alert_delivery}). A delivery is claimed in the database before anything is sent: a row inserted (its unique
 * key lets one of two processes in) or, for a retry, a conditional update of the row's version. The claim is a lease,
 * so a process killed while sending leaves the alert due again once the lease ends. Portable SQL (H2 and PostgreSQL).
 * Thread-safe.
 */
public final class AlertRows {
  private static final Comparator<StoredAlert> OLDEST_FIRST = Comparator.comparing(StoredAlert::firstSeen)
      .thenComparing(StoredAlert::source).thenComparingLong(StoredAlert::sourceId);
  /** Whether a delivery row keeps its alert from being due now: finished, waiting for its retry, or claimed. */
  private static final String NOT_DUE = "d.delivered_at is not null or d.given_up_at is not null"
      + " or d.next_attempt_at > ? or (d.claimed_until is not null and d.claimed_until > ?)";
  private static final String FINISHED = "d.delivered_at is not null or d.given_up_at is not null";

  private final Database db;

  public AlertRows(Database db) {
    this.db = db;
  }

  /**
   * A sink as first seen on this archive: the alerts whose rows are above its watermarks are its own.
   *
   * @param feedUid a random id given at first sight, kept for good (the Atom feed's id)
   */
  public record Sink(String name, Instant firstSeen, long findingAfter, long stateAfter, String feedUid) {}

  /**
   * A claimed delivery: the claimer may send it now. {@code attempt} counts from 1; {@code deliveryId} is the same
   * at every attempt of this alert to this sink.
   */
  public record Claim(long rowId, String sink, String alertId, String deliveryId, int attempt, long version) {}

  /**
   * One sink's delivery of one alert.
   *
   * @param deliveredAt when it was delivered, or null
   * @param givenUpAt when it was given up, or null
   * @param lastError the last failure in one line, or null
   */
  public record Delivery(String sink, String deliveryId, int attempts, Instant nextAttemptAt, Instant deliveredAt,
      Instant givenUpAt, String lastError) {}

  /**
   * The sink {@code name}, registered now when this archive has not seen it before: from then on (the alerts stored
   * so far are not its own), or, with {@code backfill}, from the start.
   */
  public Sink registerSink(String name, Instant now, boolean backfill) {
    return db.inTransaction(c -> {
      Optional<Sink> seen = sink(c, name);
      if (seen.isPresent()) {
        return seen.get();
      }
      long findingAfter = backfill ? 0 : max(c, "finding");
      long stateAfter = backfill ? 0 : max(c, "post_state");
      InsertOrIgnore.run(c, () -> {
        try (PreparedStatement ps = c.prepareStatement("insert into alert_sink(sink, first_seen, finding_after,"
            + " state_after, feed_uid) values (?,?,?,?,?)")) {
          ps.setString(1, name);
          ps.setObject(2, Sql.time(now));
          ps.setLong(3, findingAfter);
          ps.setLong(4, stateAfter);
          ps.setString(5, UUID.randomUUID().toString());
          return ps.executeUpdate();
        }
      });
      return sink(c, name).orElseThrow(() -> new IllegalStateException("alert sink '" + name + "' not stored"));
    });
  }

  /** The sink {@code name}, if this archive has seen it. */
  public Optional<Sink> sink(String name) {
    return db.inTransaction(c -> sink(c, name));
  }

  private static Optional<Sink> sink(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select * from alert_sink where sink=?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Sink(name, Sql.instant(rs, "first_seen"), rs.getLong("finding_after"),
            rs.getLong("state_after"), rs.getString("feed_uid"))) : Optional.empty();
      }
    }
  }

  private static long max(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select coalesce(max(id), 0) from " + table);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The sink's alerts due now (never delivered, or failed and due again, and not claimed), oldest first. */
  public List<StoredAlert> due(Sink sink, Instant now, int limit) {
    return db.inTransaction(c -> {
      String unsent = " and not exists (select 1 from alert_delivery d where d.sink=? and d.source=? and d.source_id=";
      List<StoredAlert> all = new ArrayList<>(AlertReads.findings(c, "f.id > ?" + unsent + "f.id and (" + NOT_DUE
          + "))", "f.id", limit, sink.findingAfter(), sink.name(), "finding", now, now));
      all.addAll(AlertReads.states(c, "s.id > ?" + unsent + "s.id and (" + NOT_DUE + "))", "s.id", limit,
          sink.stateAfter(), sink.name(), "state", now, now));
      return all.stream().sorted(OLDEST_FIRST).limit(limit).toList();
    });
  }

  /** The sink's newest alerts, whatever their delivery, newest first. */
  public List<StoredAlert> newest(Sink sink, int limit) {
    return newest(sink.findingAfter(), sink.stateAfter(), limit);
  }

  /** The newest alerts of the archive, whatever the sinks, newest first. */
  public List<StoredAlert> newest(int limit) {
    return newest(0, 0, limit);
  }

  private List<StoredAlert> newest(long findingAfter, long stateAfter, int limit) {
    return db.inTransaction(c -> {
      List<StoredAlert> all = new ArrayList<>(AlertReads.findings(c, "f.id > ?", "f.first_seen desc, f.id desc",
          limit, findingAfter));
      all.addAll(AlertReads.states(c, "s.id > ?", "s.since desc, s.id desc", limit, stateAfter));
      return all.stream().sorted(OLDEST_FIRST.reversed()).limit(limit).toList();
    });
  }

  /** How many of the sink's alerts are neither delivered nor given up. */
  public long unfinished(Sink sink) {
    return db.inTransaction(c -> {
      String open = " and not exists (select 1 from alert_delivery d where d.sink=? and d.source=? and d.source_id=";
      return count(c, "select count(*) from finding f where f.id > ?" + open + "f.id and (" + FINISHED + "))",
          sink.findingAfter(), sink.name(), "finding")
          + count(c, "select count(*) from post_state s where s.state in (" + AlertReads.ALERT_STATES + ") and s.id > ?"
          + open + "s.id and (" + FINISHED + "))", sink.stateAfter(), sink.name(), "state");
    });
  }

  private static long count(Connection c, String sql, long after, String sink, String source) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, after);
      ps.setString(2, sink);
      ps.setString(3, source);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Claims the delivery of {@code alert} to {@code sink} until {@code now + lease}, unless it is delivered, given up,
   * not due yet, or claimed by another: at most one claimer gets it.
   */
  public Optional<Claim> claim(String sink, StoredAlert alert, Instant now, Duration lease, String worker) {
    Instant until = now.plus(lease);
    return db.inTransaction(c -> {
      String deliveryId = UUID.randomUUID().toString();
      Optional<Long> inserted = InsertOrIgnore.run(c, () -> {
        try (PreparedStatement ps = c.prepareStatement("insert into alert_delivery(sink, source, source_id,"
            + " delivery_id, attempts, next_attempt_at, claimed_until, claimed_by, version) values (?,?,?,?,0,?,?,?,1)",
            java.sql.Statement.RETURN_GENERATED_KEYS)) {
          ps.setString(1, sink);
          ps.setString(2, alert.source());
          ps.setLong(3, alert.sourceId());
          ps.setString(4, deliveryId);
          ps.setObject(5, Sql.time(now));
          ps.setObject(6, Sql.time(until));
          ps.setString(7, Sql.clip(worker, 100));
          return Sql.insert(ps);
        }
      });
      if (inserted.isPresent()) {
        return Optional.of(new Claim(inserted.get(), sink, alert.id(), deliveryId, 1, 1));
      }
      return reclaim(c, sink, alert, now, until, worker);
    });
  }

  private static Optional<Claim> reclaim(Connection c, String sink, StoredAlert alert, Instant now, Instant until,
      String worker) throws SQLException {
    long id;
    long version;
    int attempts;
    String deliveryId;
    try (PreparedStatement ps = c.prepareStatement("select d.id, d.version, d.attempts, d.delivery_id"
        + " from alert_delivery d where d.sink=? and d.source=? and d.source_id=? and not (" + NOT_DUE + ")")) {
      ps.setString(1, sink);
      ps.setString(2, alert.source());
      ps.setLong(3, alert.sourceId());
      ps.setObject(4, Sql.time(now));
      ps.setObject(5, Sql.time(now));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        id = rs.getLong(1);
        version = rs.getLong(2);
        attempts = rs.getInt(3);
        deliveryId = rs.getString(4);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("update alert_delivery set claimed_until=?, claimed_by=?,"
        + " version=? where id=? and version=?")) {
      ps.setObject(1, Sql.time(until));
      ps.setString(2, Sql.clip(worker, 100));
      ps.setLong(3, version + 1);
      ps.setLong(4, id);
      ps.setLong(5, version);
      return ps.executeUpdate() == 0 ? Optional.empty()
          : Optional.of(new Claim(id, sink, alert.id(), deliveryId, attempts + 1, version + 1));
    }
  }

  /** Records the claimed attempt as delivered: the alert is never sent to that sink again. */
  public void delivered(Claim claim, Instant now) {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("update alert_delivery set attempts=?, last_attempt_at=?,"
          + " delivered_at=?, claimed_until=null, last_error=null where id=? and delivered_at is null")) {
        ps.setInt(1, claim.attempt());
        ps.setObject(2, Sql.time(now));
        ps.setObject(3, Sql.time(now));
        ps.setLong(4, claim.rowId());
        return ps.executeUpdate();
      }
    });
  }

  /**
   * Records the claimed attempt as failed with {@code error} (one line, no secret): due again at {@code retryAt}, or,
   * when it is empty, given up for good.
   */
  public void failed(Claim claim, Instant now, String error, Optional<Instant> retryAt) {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("update alert_delivery set attempts=?, last_attempt_at=?,"
          + " next_attempt_at=?, given_up_at=?, claimed_until=null, last_error=? where id=? and version=?"
          + " and delivered_at is null")) {
        ps.setInt(1, claim.attempt());
        ps.setObject(2, Sql.time(now));
        ps.setObject(3, Sql.time(retryAt.orElse(now)));
        if (retryAt.isPresent()) {
          ps.setNull(4, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
          ps.setObject(4, Sql.time(now));
        }
        ps.setString(5, Sql.clip(error, 500));
        ps.setLong(6, claim.rowId());
        ps.setLong(7, claim.version());
        return ps.executeUpdate();
      }
    });
  }

  /** Every sink's delivery of the alert {@code alert}, by sink name. */
  public List<Delivery> deliveries(StoredAlert alert) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("select * from alert_delivery where source=? and source_id=?"
          + " order by sink")) {
        ps.setString(1, alert.source());
        ps.setLong(2, alert.sourceId());
        List<Delivery> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Delivery(rs.getString("sink"), rs.getString("delivery_id"), rs.getInt("attempts"),
                Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "delivered_at"), Sql.instant(rs, "given_up_at"),
                rs.getString("last_error")));
          }
        }
        return out;
      }
    });
  }
}
