package org.embedwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * A Flyway callback that gives PostgreSQL the SQL types the migrations name and it lacks, before they run: {@code blob}
 * (V1's {@code post_capture.body}), as a domain over {@code bytea}. The migrations themselves stay as they are, so the
 * checksums of H2 archives migrated before stay valid. Does nothing on other databases, or when the type exists.
 */
final class PortableTypes implements Callback {
  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.BEFORE_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    Connection c = context.getConnection();
    try {
      if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
        return;
      }
      boolean exists;
      try (PreparedStatement ps = c.prepareStatement("select to_regtype('blob') is not null");
          ResultSet rs = ps.executeQuery()) {
        exists = rs.next() && rs.getBoolean(1);
      }
      if (!exists) {
        try (Statement s = c.createStatement()) {
          s.execute("create domain blob as bytea");
        }
      }
    } catch (SQLException e) {
      throw new FlywayException("cannot create the domain blob (bytea) the migrations use: " + e.getMessage(), e);
    }
  }

  @Override
  public String getCallbackName() {
    return "embedwatch-portable-types";
  }
}
