package org.embedwatch.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;

/**
 * Runs an insert that another writer may make at the same time under a savepoint: a unique-key violation (SQLState
 * 23505) rolls back to the savepoint and gives empty, so the transaction goes on (a failed statement would otherwise
 * abort the whole transaction on PostgreSQL).
 */
final class InsertOrIgnore {
  private InsertOrIgnore() {}

  /** The statement's work, run on {@code c}. */
  @FunctionalInterface
  interface Insert<T> {
    T run() throws SQLException;
  }

  static <T> Optional<T> run(Connection c, Insert<T> insert) throws SQLException {
    Savepoint before = c.setSavepoint();
    try {
      T result = insert.run();
      c.releaseSavepoint(before);
      return Optional.of(result);
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(before);
      return Optional.empty();
    }
  }
}
