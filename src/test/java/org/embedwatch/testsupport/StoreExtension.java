package org.embedwatch.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.embedwatch.config.Settings;
import org.embedwatch.store.Database;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh store, migrated by the real migrations ({@link Database#open}), as a {@link Database}
 * parameter (and its {@link Settings.Store}, to open it again): an H2 in-memory database ({@code jdbc:h2:mem:<unique>;DB_CLOSE_DELAY=-1}), or, when
 * {@code -D}{@value PostgresServer#PROPERTY} names a PostgreSQL server, a new database on it. The database is closed
 * and dropped after the test.
 */
public final class StoreExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StoreExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Database.class || type == Settings.Store.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestStore store = context.getStore(NAMESPACE).getOrComputeIfAbsent(TestStore.class, k -> TestStore.create(),
        TestStore.class);
    return parameter.getParameter().getType() == Database.class ? store.database() : store.settings();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestStore store = context.getStore(NAMESPACE).remove(TestStore.class, TestStore.class);
    if (store != null) {
      store.drop();
    }
  }

  /** One test's database and how to drop it. */
  private record TestStore(Database database, Settings.Store settings, Optional<PostgresServer> server,
      String name) {
    static TestStore create() {
      Optional<PostgresServer> server = PostgresServer.configured();
      if (server.isPresent()) {
        String name = server.get().createDatabase();
        Settings.Store settings = server.get().store(name);
        return new TestStore(Database.open(settings), settings, server, name);
      }
      String url = "jdbc:h2:mem:ew_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
      Settings.Store settings = new Settings.Store(url, "", Optional.empty());
      return new TestStore(Database.open(settings), settings, server, url);
    }

    void drop() {
      database.close();
      if (server.isPresent()) {
        server.get().dropDatabase(name);
        return;
      }
      // DB_CLOSE_DELAY=-1 keeps the in-memory database after its last connection closes, until SHUTDOWN.
      try (Connection c = DriverManager.getConnection(name, "sa", ""); Statement s = c.createStatement()) {
        s.execute("shutdown");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot drop " + name + ": " + e.getMessage(), e);
      }
    }
  }
}
