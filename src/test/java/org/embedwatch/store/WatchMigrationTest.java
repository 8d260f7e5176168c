package org.embedwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.embedwatch.testsupport.PostgresServer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * V18 on an archive made before it: every stored article gets its {@code recapture-article} task, due at its first
 * sighting (a past time, so at once), and the one {@code retry-remnant} task is made. On H2, or PostgreSQL with
 * {@code -D}{@value PostgresServer#PROPERTY}.
 */
class WatchMigrationTest {
  private final Optional<PostgresServer> postgres = PostgresServer.configured();
  private String name;
  private Database db;

  @AfterEach
  void drop() {
    db.close();
    if (postgres.isPresent()) {
      postgres.get().dropDatabase(name);
    }
  }

  @Test
  void olderArticlesGetTheirRecaptureTasksAndTheRemnantRetryIsMade() {
    db = unmigrated();
    DataSource ds = db.dataSource();
    Flyway.configure().configuration(SchemaVersion.flyway(ds).getConfiguration()).target("16").load().migrate();
    Instant seen = Instant.parse("2026-02-01T08:00:00Z");
    long id = db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("insert into article(input, url, first_seen) values (?,?,?)",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, "https://news.example/a.html");
        ps.setString(2, "https://news.example/a.html");
        ps.setObject(3, Sql.time(seen));
        return Sql.insert(ps);
      }
    });

    SchemaVersion.flyway(ds).migrate();

    List<String> tasks = db.inTransaction(c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("select task_name, task_instance, execution_time, picked"
          + " from scheduled_tasks order by task_name");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + "/" + rs.getString(2) + " " + Sql.instant(rs, "execution_time") + " "
              + rs.getBoolean(4));
        }
      }
      return out;
    });
    assertThat(tasks).containsExactly("deliver-alerts/all 2000-01-01T00:00:00Z false",
        "recapture-article/" + id + " " + seen + " false", "retry-remnant/all 2000-01-01T00:00:00Z false");
    long watches = db.inTransaction(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from watch")) {
        rs.next();
        return rs.getLong(1);
      }
    });
    assertThat(watches).isZero();
  }

  private Database unmigrated() {
    if (postgres.isPresent()) {
      name = postgres.get().createDatabase();
      var store = postgres.get().store(name);
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(store.url());
      ds.setUser(store.user());
      store.password().ifPresent(p -> ds.setPassword(p.value()));
      return new Database(ds, Database.Vendor.POSTGRESQL, store.url());
    }
    String url = "jdbc:h2:mem:ew_" + UUID.randomUUID().toString().replace("-", "");
    return new Database(JdbcConnectionPool.create(url, "sa", ""), Database.Vendor.H2, url);
  }
}
