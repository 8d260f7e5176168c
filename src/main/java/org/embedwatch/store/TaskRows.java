package org.embedwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Rows of db-scheduler's {@code scheduled_tasks} table written in the store's own transactions, so that a row and the
 * task that goes with it commit together: a new post and its {@code check-post} task (then the move of that task to the
 * next due time each recorded check sets; {@code post.next_check_at} is only a cache of it), an article and its
 * re-capture, a watch and its poll. A row db-scheduler has picked (a task running now) is never changed here: its run
 * rewrites it when it completes, under its version. Portable SQL (H2 and PostgreSQL).
 */
final class TaskRows {
  /** The name of the task that checks one post; its instance is the post's row id. */
  static final String CHECK_POST = "check-post";
  /** db-scheduler's {@code Priority.MEDIUM}, as V16 gives the check-post tasks: above Wayback look-ups. */
  private static final int PRIORITY = 50;

  private TaskRows() {}

  /** Gives post {@code postRef} its check-post task, due at {@code due}; an existing task is left alone. */
  static void scheduleCheck(Connection c, long postRef, Instant due) throws SQLException {
    insert(c, CHECK_POST, Long.toString(postRef), due);
  }

  /**
   * Moves post {@code postRef}'s check-post task to {@code due} unless a scheduler has picked it (its run then
   * reschedules it when done, to the time stored with the check). The version moves on too, so that a scheduler that
   * read the task as due before this commit cannot pick it any more. A post without a task gets one.
   */
  static void moveCheck(Connection c, long postRef, Instant due) throws SQLException {
    if (!moveIfIdle(c, CHECK_POST, Long.toString(postRef), due)) {
      scheduleCheck(c, postRef, due);
    }
  }

  /** Schedules {@code task}/{@code instance} without data at {@code at}, unless it is scheduled already. */
  static boolean insertIfAbsent(Connection c, String task, String instance, Instant at) throws SQLException {
    if (executionTime(c, task, instance).isPresent()) {
      return false;
    }
    return insert(c, task, instance, at);
  }

  private static boolean insert(Connection c, String task, String instance, Instant at) throws SQLException {
    return InsertOrIgnore.run(c, () -> {
      try (PreparedStatement ps = c.prepareStatement("insert into scheduled_tasks(task_name, task_instance,"
          + " task_data, execution_time, picked, version, priority, consecutive_failures)"
          + " values (?,?,null,?,false,1,?,0)")) {
        ps.setString(1, task);
        ps.setString(2, instance);
        ps.setObject(3, Sql.time(at));
        ps.setInt(4, PRIORITY);
        return ps.executeUpdate();
      }
    }).isPresent();
  }

  /** When {@code task}/{@code instance} runs next, if it is scheduled. */
  static Optional<Instant> executionTime(Connection c, String task, String instance) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select execution_time from scheduled_tasks where task_name=? and task_instance=?")) {
      ps.setString(1, task);
      ps.setString(2, instance);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Sql.instant(rs, "execution_time")) : Optional.empty();
      }
    }
  }

  /** Moves the task to {@code at} unless it is running now; returns whether it moved. */
  static boolean moveIfIdle(Connection c, String task, String instance, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("update scheduled_tasks set execution_time=?, version=version+1"
        + " where task_name=? and task_instance=? and picked=false")) {
      ps.setObject(1, Sql.time(at));
      ps.setString(2, task);
      ps.setString(3, instance);
      return ps.executeUpdate() > 0;
    }
  }

  /** Removes the task unless it is running now (a running one removes itself when it completes). */
  static void deleteIfIdle(Connection c, String task, String instance) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "delete from scheduled_tasks where task_name=? and task_instance=? and picked=false")) {
      ps.setString(1, task);
      ps.setString(2, instance);
      ps.executeUpdate();
    }
  }
}
