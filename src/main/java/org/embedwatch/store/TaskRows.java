package org.embedwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The scheduler's task rows the store writes itself, in the transaction of the evidence they follow: a new post's
 * {@code check-post} task, and the move of that task to the next due time a recorded check set. The rows are
 * db-scheduler's ({@code scheduled_tasks}); {@code post.next_check_at} is only a cache of the task's execution time.
 * Portable SQL (H2 and PostgreSQL).
 */
final class TaskRows {
  private TaskRows() {}

  /** The name of the task that checks one post; its instance is the post's row id. */
  static final String CHECK_POST = "check-post";
  /** db-scheduler's {@code Priority.MEDIUM}: below alerts, above Wayback look-ups. */
  static final int CHECK_PRIORITY = 50;

  /** Gives post {@code postRef} its check-post task, due at {@code due}; an existing task is left alone. */
  static void scheduleCheck(Connection c, long postRef, Instant due) throws SQLException {
    InsertOrIgnore.run(c, () -> {
      try (PreparedStatement ps = c.prepareStatement("insert into scheduled_tasks (task_name, task_instance,"
          + " task_data, execution_time, picked, version, priority, consecutive_failures)"
          + " values (?,?,null,?,false,1,?,0)")) {
        ps.setString(1, CHECK_POST);
        ps.setString(2, Long.toString(postRef));
        ps.setObject(3, Sql.time(due));
        ps.setInt(4, CHECK_PRIORITY);
        return ps.executeUpdate();
      }
    });
  }

  /**
   * Moves post {@code postRef}'s check-post task to {@code due} unless a scheduler has picked it (its run then
   * reschedules it when done, to the time stored with the check). The version moves on too, so that a scheduler that
   * read the task as due before this commit cannot pick it any more. A post without a task gets one.
   */
  static void moveCheck(Connection c, long postRef, Instant due) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("update scheduled_tasks set execution_time=?, version=version+1"
        + " where task_name=? and task_instance=? and picked=false")) {
      ps.setObject(1, Sql.time(due));
      ps.setString(2, CHECK_POST);
      ps.setString(3, Long.toString(postRef));
      if (ps.executeUpdate() == 0) {
        scheduleCheck(c, postRef, due);
      }
    }
  }
}
