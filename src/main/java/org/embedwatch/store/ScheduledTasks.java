package org.embedwatch.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads of the scheduler's task table ({@code scheduled_tasks}, db-scheduler's): what is due, what runs, what comes
 * next. Reads only; the scheduler itself claims and reschedules. Thread-safe.
 */
public final class ScheduledTasks {
  private final Database db;

  public ScheduledTasks(Database db) {
    this.db = db;
  }

  /**
   * One scheduled execution.
   *
   * @param kind the task's name ({@code check-post})
   * @param instance what it acts on (for {@code check-post}, the post's row id)
   * @param what the post it checks ({@code x 123 @handle}) where known, else the instance
   * @param pickedBy the worker running it now, or null
   */
  public record Execution(String kind, String instance, String what, Instant due, String pickedBy) {
    public Execution {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(instance, "instance");
      Objects.requireNonNull(due, "due");
    }
  }

  /** Per task kind, how many executions are due at {@code now} and not running, in name order. */
  public Map<String, Integer> dueByKind(Instant now) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("select task_name, count(*) from scheduled_tasks"
          + " where picked=false and execution_time<=? group by task_name order by task_name")) {
        ps.setObject(1, Sql.time(now));
        Map<String, Integer> out = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getInt(2));
          }
        }
        return out;
      }
    });
  }

  /** How many executions of {@code kinds} are due at {@code now} and not running. */
  public int due(Instant now, Set<String> kinds) {
    return dueByKind(now).entrySet().stream().filter(e -> kinds.contains(e.getKey())).mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** Per task kind, how many executions there are in all. */
  public Map<String, Integer> countByKind() {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("select task_name, count(*) from scheduled_tasks"
          + " group by task_name order by task_name")) {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getInt(2));
          }
        }
        return out;
      }
    });
  }

  /** The next {@code limit} executions, running ones first, then by due time. */
  public List<Execution> next(int limit) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("select t.task_name, t.task_instance, t.execution_time,"
          + " t.picked_by, p.platform, p.post_id, p.handle from scheduled_tasks t left join post p"
          + " on t.task_name='" + TaskRows.CHECK_POST + "' and cast(p.id as varchar(40))=t.task_instance"
          + " order by t.picked desc, t.execution_time, t.task_name, t.task_instance fetch first ? rows only")) {
        ps.setInt(1, limit);
        List<Execution> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String platform = rs.getString("platform");
            String handle = rs.getString("handle");
            String what = platform == null ? rs.getString("task_instance")
                : platform + " " + rs.getString("post_id") + (handle == null || handle.isEmpty() ? "" : " @" + handle);
            out.add(new Execution(rs.getString("task_name"), rs.getString("task_instance"), what,
                Sql.instant(rs, "execution_time"), rs.getString("picked_by")));
          }
        }
        return out;
      }
    });
  }

  /** The earliest due time of an execution not running now, if any. */
  public java.util.Optional<Instant> nextDue() {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("select min(execution_time) from scheduled_tasks"
          + " where picked=false")) {
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          java.time.OffsetDateTime t = rs.getObject(1, java.time.OffsetDateTime.class);
          return java.util.Optional.ofNullable(t).map(java.time.OffsetDateTime::toInstant);
        }
      }
    });
  }
}
