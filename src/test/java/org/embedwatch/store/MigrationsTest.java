package org.embedwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.embedwatch.config.Settings;
import org.embedwatch.testsupport.StoreExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StoreExtension.class)
class MigrationsTest {
  @Test
  void everyMigrationAppliesAndIsRecordedAsSuccessful(Database db) throws IOException, URISyntaxException {
    assertThat(history(db)).containsExactlyElementsOf(migrationVersions().stream().map(v -> v + " ok").toList());
  }

  @Test
  void openingTheStoreAgainAppliesNothingAndKeepsWhatWasStored(Database db, Settings.Store store) {
    db.inTransaction(c -> c.prepareStatement("insert into host_park(host, parked_until) values ('x.com',"
        + " timestamp with time zone '2026-03-01 10:00:00+00')").executeUpdate());
    List<String> before = history(db);

    try (Database again = Database.open(store)) {
      assertThat(history(again)).isEqualTo(before);
      assertThat(new EvidenceReader(again).parks(java.time.Instant.parse("2026-01-01T00:00:00Z")))
          .containsOnlyKeys("x.com");
    }
  }

  @Test
  void theVendorIsToldByTheUrl(Database db, Settings.Store store) {
    assertThat(db.vendor()).isEqualTo(store.url().startsWith("jdbc:postgresql:") ? Database.Vendor.POSTGRESQL
        : Database.Vendor.H2);
    assertThat(Database.Vendor.of("jdbc:mysql://db/x")).isEmpty();
  }

  /** Flyway's history, oldest first: "version ok" per applied migration. */
  private static List<String> history(Database db) {
    // Flyway names its table and columns in lower case, quoted (as H2 needs them).
    return db.inTransaction(c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("select \"version\", \"success\" from \"flyway_schema_history\""
          + " where \"version\" is not null order by \"installed_rank\"");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + (rs.getBoolean(2) ? " ok" : " failed"));
        }
      }
      return out;
    });
  }

  /** The versions of the migration scripts on the class path (V3_1__x.sql is 3.1), in Flyway's order. */
  private static List<String> migrationVersions() throws IOException, URISyntaxException {
    Path dir = Path.of(Database.class.getResource("migration").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V[0-9_]+__.*\\.sql"))
          .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.'))
          .sorted((a, b) -> compareVersions(a, b)).toList();
    }
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int d = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
      if (d != 0) {
        return d;
      }
    }
    return 0;
  }
}
