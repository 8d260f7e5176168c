package org.embedwatch.store;

import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;

/**
 * The schema of an existing database compared with this version's Flyway migrations, read without changing anything
 * (Flyway's {@code info}: the schema history table is read, never created).
 */
final class SchemaVersion {
  static final String MIGRATIONS = "classpath:org/embedwatch/store/migration";

  private SchemaVersion() {}

  static Flyway flyway(DataSource ds) {
    return Flyway.configure().dataSource(ds).locations(MIGRATIONS).callbacks(new PortableTypes()).load();
  }

  /** Whether migrations of this version are not applied yet (read only). */
  static boolean pending(DataSource ds) {
    return flyway(ds).info().pending().length > 0;
  }

  /**
   * Fails unless the database holds an Embedwatch schema no newer than this version's, and, when {@code current},
   * with every migration of this version applied.
   *
   * @throws UnusableArchiveException saying which
   */
  static void require(DataSource ds, String url, boolean current) {
    MigrationInfoService info = flyway(ds).info();
    String expected = Arrays.stream(info.all())
        .filter(m -> m.getState().isResolved() && m.getVersion() != null)
        .map(m -> m.getVersion().getVersion())
        .reduce((first, second) -> second)
        .orElse("");
    MigrationInfo applied = info.current();
    if (applied == null) {
      throw new UnusableArchiveException(UnusableArchiveException.Reason.NO_SCHEMA, url, "", expected, null);
    }
    String found = applied.getVersion().getVersion();
    if (Arrays.stream(info.applied()).anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS
        || m.getState() == MigrationState.FUTURE_FAILED)) {
      throw new UnusableArchiveException(UnusableArchiveException.Reason.NEWER_SCHEMA, url, found, expected, null);
    }
    if (current && info.pending().length > 0) {
      throw new UnusableArchiveException(UnusableArchiveException.Reason.OLDER_SCHEMA, url, found, expected, null);
    }
  }
}
