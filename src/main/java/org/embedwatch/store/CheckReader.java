package org.embedwatch.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.embedwatch.evidence.CheckPolicy;
import org.embedwatch.evidence.CheckRecord;
import org.embedwatch.evidence.ConfirmationRule;
import org.embedwatch.evidence.PostState;
import org.embedwatch.evidence.UnavailableReason;

/** Reads stored checks with the policy each was judged by, so their conclusions can be re-derived. Thread-safe. */
public final class CheckReader {
  private final Database db;

  public CheckReader(Database db) {
    this.db = db;
  }

  /** The post's checks recorded as checks (not those made before checks were recorded), oldest first. */
  public List<CheckRecord> checks(long postRef) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("select * from post_check where post_ref=? order by check_no")) {
        ps.setLong(1, postRef);
        List<CheckRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String endpoints = rs.getString("endpoints");
            CheckPolicy policy = new CheckPolicy(new ConfirmationRule(rs.getInt("confirm_checks"),
                Duration.ofSeconds(rs.getLong("confirm_span_seconds")), rs.getInt("confirm_endpoints")),
                endpoints.isEmpty() ? List.of() : Arrays.asList(endpoints.split(",")),
                cadence(rs), rs.getBoolean("refetch_photos"));
            String reason = rs.getString("reason");
            out.add(new CheckRecord(rs.getLong("id"), postRef, rs.getInt("check_no"), rs.getString("check_key"),
                Sql.instant(rs, "checked_at"), policy, PostState.valueOf(rs.getString("state")),
                reason == null ? null : UnavailableReason.valueOf(reason), Sql.instant(rs, "next_check_at")));
          }
        }
        return out;
      }
    });
  }

  /** The cadence step stored with a check; for a check recorded before V17, the interval it was given. */
  private static String cadence(ResultSet rs) throws SQLException {
    String step = rs.getString("cadence");
    return step != null ? step : "interval " + Duration.ofSeconds(rs.getLong("interval_seconds"));
  }
}
