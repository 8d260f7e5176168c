package org.embedwatch.store;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.embedwatch.evidence.WarcLocation;

/** JDBC conversions shared by the store's reader and writer: times in UTC, WARC locations, generated keys. */
final class Sql {
  private Sql() {}

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static long insert(PreparedStatement ps) throws SQLException {
    ps.executeUpdate();
    try (ResultSet keys = ps.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("no generated key");
      }
      return keys.getLong(1);
    }
  }

  static void setWarc(PreparedStatement ps, int first, WarcLocation w) throws SQLException {
    if (w == null) {
      ps.setNull(first, Types.VARCHAR);
      ps.setNull(first + 1, Types.BIGINT);
      ps.setNull(first + 2, Types.VARCHAR);
    } else {
      ps.setString(first, w.file());
      ps.setLong(first + 1, w.offset());
      ps.setString(first + 2, w.recordId().toString());
    }
  }

  static WarcLocation warc(ResultSet rs) throws SQLException {
    String file = rs.getString("warc_file");
    return file == null ? null
        : new WarcLocation(file, rs.getLong("warc_offset"), URI.create(rs.getString("warc_record_id")));
  }

  /**
   * {@code s} as a text column of {@code max} characters takes it: without NUL characters (PostgreSQL refuses them in
   * text; H2 would keep them) and cut at {@code max} characters (never between the two halves of a surrogate pair).
   * The last guard of every text column that can hold a value from outside: a value too long for its column must
   * never fail the transaction that stores it.
   */
  static String clip(String s, int max) {
    if (s == null) {
      return null;
    }
    String text = s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }
}
