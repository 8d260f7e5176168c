package org.embedwatch.schedule;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
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
 * in ({@code scheduled_tasks}, written through db-scheduler's own client, a lookup already queued left as it is). A
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

  private final SchedulerClient client;

  /** @param dataSource the evidence database, which holds {@code scheduled_tasks} (migration V16) */
  public WaybackLookups(DataSource dataSource) {
    this.client = SchedulerClient.Builder.create(dataSource).enablePriority().build();
  }

  /** The instance id of the lookup of post {@code postRef} (our row id) in {@code form}. */
  public static String instance(long postRef, UrlForm form) {
    return postRef + ":" + form.key();
  }

  @Override
  public void lookUpLater(PostRecord post, List<UrlForm> forms, Instant at) {
    for (UrlForm form : forms) {
      TaskInstance<Integer> instance = DESCRIPTOR.instance(instance(post.id(), form)).priority(Priority.LOW).build();
      if (client.scheduleIfNotExists(instance, at)) {
        log.debug("{} {} queued for {}", TASK, instance.getId(), at);
      }
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
