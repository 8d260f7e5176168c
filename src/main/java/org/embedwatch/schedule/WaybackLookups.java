package org.embedwatch.schedule;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.embedwatch.capture.WaybackCorroboration;
import org.embedwatch.capture.WaybackQueue;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.platform.wayback.UrlForm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@value #TASK} task kind: one low-priority task instance per post and URL form ({@code <post row id>:<form>},
 * e.g. {@code 42:twitter}) that asks the Wayback Machine's CDX server, through
 * {@link WaybackCorroboration#lookUp}, which captures of the post exist in that form; and the queue checks put them
 * in ({@code scheduled_tasks}, one row each as db-scheduler writes it, a lookup already queued left as it is). A
 * lookup answered before asks nothing; one the archive did not answer (429, 5xx, transport error) is tried again,
 * {@link #RETRY} later and doubling, {@link #MAX_ATTEMPTS} times at most (its data is the number of attempts made).
 * Thread-safe.
 */
public final class WaybackLookups implements WaybackQueue {
  private static final Logger log = LoggerFactory.getLogger(WaybackLookups.class);
  public static final String TASK = "wayback-lookup";
  static final TaskDescriptor<Integer> DESCRIPTOR = TaskDescriptor.of(TASK, Integer.class);
  static final Duration RETRY = Duration.ofHours(1);
  static final int MAX_ATTEMPTS = 8;

  /** One row as db-scheduler writes a new execution (as migration V16 does too), unless it is queued already. */
  private static final String QUEUE = "insert into scheduled_tasks (task_name, task_instance, task_data,"
      + " execution_time, picked, version, priority, consecutive_failures) select ?, ?, null, ?, false, 1, ?, 0"
      + " where not exists (select 1 from scheduled_tasks where task_name = ? and task_instance = ?)";

  private final DataSource dataSource;

  /** @param dataSource the evidence database, which holds {@code scheduled_tasks} (migration V16) */
  public WaybackLookups(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The instance id of the lookup of post {@code postRef} (our row id) in {@code form}. */
  public static String instance(long postRef, UrlForm form) {
    return postRef + ":" + form.key();
  }

  /**
   * Queues the lookups in one transaction (one statement per form, inserting only where none is queued). A failure is
   * logged, not thrown: the check that asks has been recorded, and a later check queues a lookup that is overdue.
   */
  @Override
  public void lookUpLater(PostRecord post, List<UrlForm> forms, Instant at) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(QUEUE)) {
        for (UrlForm form : forms) {
          String id = instance(post.id(), form);
          ps.setString(1, TASK);
          ps.setString(2, id);
          ps.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
          ps.setInt(4, Priority.LOW);
          ps.setString(5, TASK);
          ps.setString(6, id);
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      log.warn("{} of {} {} not queued ({}): a later check queues it when overdue", TASK, post.platform().key(),
          post.postId(), e.toString());
    }
  }

  /** The task that runs the queued lookups through {@code wayback}. */
  public static CustomTask<Integer> task(WaybackCorroboration wayback) {
    return Tasks.custom(DESCRIPTOR)
        .defaultPriority(Priority.LOW)
        .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(MAX_ATTEMPTS,
            new FailureHandler.ExponentialBackoffFailureHandler<>(RETRY)))
        .execute((instance, context) -> run(wayback, instance));
  }

  private static CompletionHandler<Integer> run(WaybackCorroboration wayback, TaskInstance<Integer> instance) {
    String id = instance.getId();
    int colon = id.indexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("not a " + TASK + " instance (<post row id>:<form>): '" + id + "'");
    }
    long postRef = Long.parseLong(id.substring(0, colon));
    UrlForm form = UrlForm.parse(id.substring(colon + 1));
    WaybackCorroboration.Lookup done = wayback.lookUp(postRef, form);
    int attempts = (instance.getData() == null ? 0 : instance.getData()) + 1;
    if (done != WaybackCorroboration.Lookup.NOT_ANSWERED) {
      return new CompletionHandler.OnCompleteRemove<>();
    }
    if (attempts >= MAX_ATTEMPTS) {
      log.warn("{} {}: the Wayback Machine did not answer {} times; left until the post is found gone", TASK, id,
          attempts);
      return new CompletionHandler.OnCompleteRemove<>();
    }
    Duration wait = RETRY.multipliedBy(1L << (attempts - 1));
    return (complete, operations) -> operations.reschedule(complete, complete.getTimeDone().plus(wait), attempts);
  }
}
