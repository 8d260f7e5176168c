package org.embedwatch.capture;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.embedwatch.archive.ArchiveWriteException;
import org.embedwatch.evidence.Cadence;
import org.embedwatch.evidence.CheckPolicy;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.platform.BatchPostEndpoint;
import org.embedwatch.platform.PostEndpoint;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.store.EvidenceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks many posts: endpoints that answer in batches are asked once per chunk of posts first, then each post is
 * checked through the {@link CheckPipeline} on the injected executor (each host's own limits still hold), and posts
 * the captures name (a cited post's quoted and replied-to posts) in further rounds. One post's failure is that post's
 * result: the run goes on. Thread-safe.
 */
public final class CheckRunner {
  private static final Logger log = LoggerFactory.getLogger(CheckRunner.class);

  private final List<PostEndpoint> endpoints;
  private final CheckPipeline pipeline;
  private final EvidenceReader reader;
  private final Executor executor;

  private CheckRunner(List<PostEndpoint> endpoints, CheckPipeline pipeline, EvidenceReader reader,
      Executor executor) {
    this.endpoints = List.copyOf(endpoints);
    this.pipeline = pipeline;
    this.reader = reader;
    this.executor = executor;
  }

  /**
   * The checks of posts through {@code endpoints}.
   *
   * @param media fetches and stores each captured post's media
   * @param wayback asked after the live endpoints where due (see {@link WaybackCorroboration})
   * @param policy the confirmation rule each check is judged by and stored with
   * @param cadence when each post is checked next
   * @param executor runs the checks of one round; the composition root owns and shuts it down
   */
  public static CheckRunner of(List<PostEndpoint> endpoints, MediaFetcher media, EvidenceReader reader,
      EvidenceStore store, WaybackCorroboration wayback, CheckPolicy policy, Cadence cadence, Clock clock,
      Executor executor) {
    PostObserver observer = new PostObserver(endpoints, media, policy.refetchPhotos());
    return new CheckRunner(endpoints, new CheckPipeline(observer, reader, store, wayback, policy, cadence, clock),
        reader, executor);
  }

  /**
   * What a run of checks gave.
   *
   * @param checked posts checked (a duplicate, checked by another run at the same due time, included)
   * @param flagged of those, posts now unavailable (suspected or confirmed) or altered
   * @param unreachable of those, posts at whose check an endpoint could not be reached (not evidence)
   * @param failed posts whose check failed, nothing of it recorded
   */
  public record Summary(int checked, int flagged, int unreachable, int failed) {
    /** True when no post's check failed. */
    public boolean clean() {
      return failed == 0;
    }
  }

  /**
   * The check of one post for one due time of its scheduled task: recorded under the key {@code post 12 due
   * 2026-12-08T01:00:00Z}, so that the task run twice for that due time (two workers, or a run cut off after the
   * record) records one check; the second run is a duplicate ({@link CheckResult#duplicate()}). Isolated like the
   * checks of a run: an exception is the post's failed result.
   */
  public CheckResult checkScheduled(PostRecord post, Instant due) {
    String key = "post " + post.id() + " due " + due;
    try {
      return pipeline.check(post, Map.of(), null, java.util.Optional.of(key));
    } catch (ArchiveWriteException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("check of {} {} due {} failed, nothing of it recorded: {}", post.platform().key(), post.postId(), due,
          e.toString(), e);
      return CheckResult.failed(post, null, oneLine(e));
    }
  }

  /** The post as stored now (its next due time is the one its last recorded check set). */
  public java.util.Optional<PostRecord> post(long postRef) {
    return reader.post(postRef);
  }

  /** Checks {@code posts} (those a client can observe), claiming nothing: {@code check --all}. */
  public Summary checkEach(List<PostRecord> posts, Consumer<CheckResult> onEach) {
    return checkEach(posts, new StopToken(), onEach);
  }

  /**
   * As {@link #checkEach(List, Consumer)}, starting no new check once {@code stop} is requested: the checks already
   * running finish, commit and are told; the others are left out of the results.
   */
  public Summary checkEach(List<PostRecord> posts, StopToken stop, Consumer<CheckResult> onEach) {
    Tally tally = new Tally(onEach);
    checkAll(posts.stream().filter(p -> supports(p.platform())).toList(), stop, tally);
    return tally.summary();
  }

  /** Counts results for a {@link Summary} and passes each on. */
  private static final class Tally implements Consumer<CheckResult> {
    private final Consumer<CheckResult> next;
    private int checked;
    private int flagged;
    private int unreachable;
    private int failed;

    Tally(Consumer<CheckResult> next) {
      this.next = next;
    }

    @Override
    public void accept(CheckResult r) {
      if (r.failed()) {
        failed++;
      } else {
        checked++;
        flagged += r.state().state().flagged() ? 1 : 0;
        unreachable += r.fetches().stream().anyMatch(f -> !f.outcome().isEvidence()) ? 1 : 0;
      }
      next.accept(r);
    }

    Summary summary() {
      return new Summary(checked, flagged, unreachable, failed);
    }
  }

  /** True when at least one endpoint can observe posts of {@code platform}. */
  public boolean supports(Platform platform) {
    return endpoints.stream().anyMatch(e -> e.platform() == platform);
  }

  /** Checks {@code post} now. */
  public CheckResult check(PostRecord post) {
    return checkOne(post, Map.of(), null);
  }

  /**
   * Checks {@code posts} now, then the posts their captures named that got a row just now, round by round.
   *
   * @param onEach told each post's result, in the order of {@code posts} (then of the posts found), as soon as it and
   *     those before it are done; a failed check is a result too ({@link CheckResult#failed()})
   */
  public void checkAll(List<PostRecord> posts, Consumer<CheckResult> onEach) {
    checkAll(posts, new StopToken(), onEach);
  }

  /**
   * As {@link #checkAll(List, Consumer)}, starting no new check (nor round) once {@code stop} is requested: a check
   * already running finishes, commits and is told; one not started yet is skipped, never cut off mid-write.
   */
  public void checkAll(List<PostRecord> posts, StopToken stop, Consumer<CheckResult> onEach) {
    Set<Long> done = new HashSet<>();
    List<PostRecord> round = posts;
    Map<Long, String> via = new HashMap<>();
    while (!round.isEmpty() && !stop.requested()) {
      List<PostRecord> next = new ArrayList<>();
      round.forEach(p -> done.add(p.id()));
      checkRound(round, via, stop, result -> {
        for (PostRecord found : result.discovered()) {
          if (!done.contains(found.id()) && via.putIfAbsent(found.id(), describe(result, found)) == null) {
            next.add(found);
          }
        }
        onEach.accept(result);
      });
      round = next;
    }
  }

  /**
   * Compares the citations of {@code post} with its stored captures and records the differences not recorded before
   * (for a post an article cites again whose check stored no new capture).
   */
  public void compareCitations(PostRecord post) {
    pipeline.compareCitations(post);
  }

  private String describe(CheckResult from, PostRecord found) {
    return pipeline.namedBy(from.post(), found);
  }

  private void checkRound(List<PostRecord> posts, Map<Long, String> via, StopToken stop,
      Consumer<CheckResult> onEach) {
    Map<Long, Map<String, PostFetch>> batched = batchAnswers(posts);
    List<CompletableFuture<Optional<CheckResult>>> results = new ArrayList<>();
    for (PostRecord post : posts) {
      String how = via.get(post.id());
      // The stop is asked as each check starts: one queued when it came is skipped (empty), never cancelled.
      results.add(CompletableFuture.supplyAsync(() -> stop.requested() ? Optional.empty()
          : Optional.of(checkOne(post, batched.getOrDefault(post.id(), Map.of()), how)), executor));
    }
    for (CompletableFuture<Optional<CheckResult>> result : results) {
      try {
        result.get().ifPresent(onEach);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        results.forEach(r -> r.cancel(true));
        throw new IllegalStateException("interrupted while checking posts", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof ArchiveWriteException failure) {
          // The archive cannot be written: no later check could be stored, so none is waited for.
          results.forEach(r -> r.cancel(true));
          throw failure;
        }
        throw new IllegalStateException("a check escaped its isolation", e.getCause());
      }
    }
  }

  /** One post's check, isolated: an exception is this post's failure, never the run's. */
  private CheckResult checkOne(PostRecord post, Map<String, PostFetch> batched, String via) {
    try {
      return pipeline.check(post, batched, via, java.util.Optional.empty());
    } catch (ArchiveWriteException e) {
      throw e; // the run's failure, not this post's
    } catch (RuntimeException e) {
      log.warn("check of {} {} failed, nothing of it recorded: {}", post.platform().key(), post.postId(), e.toString(),
          e);
      return CheckResult.failed(post, via, oneLine(e));
    }
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.split("\n", 2)[0];
  }

  /** Asks every batch endpoint about its platform's posts, in chunks: post id (ours) → endpoint name → answer. */
  private Map<Long, Map<String, PostFetch>> batchAnswers(List<PostRecord> posts) {
    Map<Long, Map<String, PostFetch>> answers = new HashMap<>();
    for (PostEndpoint endpoint : endpoints) {
      if (!(endpoint instanceof BatchPostEndpoint batch)) {
        continue;
      }
      List<PostRecord> mine = posts.stream().filter(p -> p.platform() == batch.platform()).toList();
      for (int from = 0; from < mine.size(); from += batch.maxBatch()) {
        List<PostRecord> chunk = mine.subList(from, Math.min(mine.size(), from + batch.maxBatch()));
        List<PostFetch> fetched;
        try {
          fetched = batch.fetchAll(chunk.stream().map(PostObserver::key).toList());
        } catch (ArchiveWriteException e) {
          throw e;
        } catch (RuntimeException e) {
          // The posts are asked one by one instead, in their own checks.
          log.warn("{} could not answer a batch of {} posts, asking one by one: {}", batch.name(), chunk.size(),
              e.toString());
          continue;
        }
        if (fetched.size() != chunk.size()) {
          log.warn("{} answered {} of {} posts, asking one by one", batch.name(), fetched.size(), chunk.size());
          continue;
        }
        for (int i = 0; i < chunk.size(); i++) {
          answers.computeIfAbsent(chunk.get(i).id(), k -> new HashMap<>()).put(batch.name(), fetched.get(i));
        }
      }
    }
    return answers;
  }
}
