package org.embedwatch.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The record of every scheduler run ({@code daemon}, {@code daemon --once}, {@code check}): which worker, when, what it
 * did and how it ended. A run is no evidence: it is an operator's record, written in its own short transactions. A
 * run whose process was killed keeps no end. Thread-safe.
 */
public final class SchedulerRuns {
  private final Database db;

  public SchedulerRuns(Database db) {
    this.db = db;
  }

  /** What a run did so far, or in all. */
  public record Counts(int checked, int captured, int flagged, int failed) {}

  /**
   * One recorded run.
   *
   * @param endedAt null while it runs, or when its process was killed
   * @param ending how it ended ({@code drained}, {@code stopped by SIGTERM}, {@code failed: …}), null likewise
   */
  public record Run(long id, String worker, String mode, Instant startedAt, Instant endedAt, Counts counts,
      String ending) {
    public Run {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(startedAt, "startedAt");
    }
  }

  /** Records the start of a run and gives its id. */
  public long start(String worker, String mode, Instant at) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("insert into scheduler_run(worker, mode, started_at, checked,"
          + " captured, flagged, failed) values (?,?,?,0,0,0,0)", Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, Sql.clip(worker, 100));
        ps.setString(2, Sql.clip(mode, 16));
        ps.setObject(3, Sql.time(at));
        return Sql.insert(ps);
      }
    });
  }

  /** Records the counts of a run so far (a daemon's, at each summary), or its end when {@code ending} is given. */
  public void update(long run, Counts counts, Instant endedAt, String ending) {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("update scheduler_run set checked=?, captured=?, flagged=?,"
          + " failed=?, ended_at=?, ending=? where id=?")) {
        ps.setInt(1, counts.checked());
        ps.setInt(2, counts.captured());
        ps.setInt(3, counts.flagged());
        ps.setInt(4, counts.failed());
        if (endedAt == null) {
          ps.setNull(5, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
          ps.setObject(5, Sql.time(endedAt));
        }
        ps.setString(6, ending == null ? null : Sql.clip(ending, 500));
        ps.setLong(7, run);
        return ps.executeUpdate();
      }
    });
  }

  /** The latest {@code limit} runs, latest first. */
  public List<Run> recent(int limit) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("select * from scheduler_run order by started_at desc, id desc"
          + " fetch first ? rows only")) {
        ps.setInt(1, limit);
        List<Run> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Run(rs.getLong("id"), rs.getString("worker"), rs.getString("mode"),
                Sql.instant(rs, "started_at"), Sql.instant(rs, "ended_at"), new Counts(rs.getInt("checked"),
                rs.getInt("captured"), rs.getInt("flagged"), rs.getInt("failed")), rs.getString("ending")));
          }
        }
        return out;
      }
    });
  }
}
