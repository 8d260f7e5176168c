package org.embedwatch.capture;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
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
  private final Executor executor;

  private CheckRunner(List<PostEndpoint> endpoints, CheckPipeline pipeline, Executor executor) {
    this.endpoints = List.copyOf(endpoints);
    this.pipeline = pipeline;
    this.executor = executor;
  }

  /**
   * The checks of posts through {@code endpoints}.
   *
   * @param media fetches and stores each captured post's media
   * @param wayback asked after the live endpoints where due (see {@link WaybackCorroboration})
   * @param policy the confirmation rule and cadence each check is judged by and stored with
   * @param executor runs the checks of one round; the composition root owns and shuts it down
   */
  public static CheckRunner of(List<PostEndpoint> endpoints, MediaFetcher media, EvidenceReader reader,
      EvidenceStore store, WaybackCorroboration wayback, CheckPolicy policy, Clock clock, Executor executor) {
    PostObserver observer = new PostObserver(endpoints, media, policy.refetchPhotos());
    return new CheckRunner(endpoints, new CheckPipeline(observer, reader, store, wayback, policy, clock), executor);
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
    Set<Long> done = new HashSet<>();
    List<PostRecord> round = posts;
    Map<Long, String> via = new HashMap<>();
    while (!round.isEmpty()) {
      List<PostRecord> next = new ArrayList<>();
      round.forEach(p -> done.add(p.id()));
      checkRound(round, via, result -> {
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

  private void checkRound(List<PostRecord> posts, Map<Long, String> via, Consumer<CheckResult> onEach) {
    Map<Long, Map<String, PostFetch>> batched = batchAnswers(posts);
    List<CompletableFuture<CheckResult>> results = new ArrayList<>();
    for (PostRecord post : posts) {
      String how = via.get(post.id());
      results.add(CompletableFuture.supplyAsync(
          () -> checkOne(post, batched.getOrDefault(post.id(), Map.of()), how), executor));
    }
    for (CompletableFuture<CheckResult> result : results) {
      try {
        onEach.accept(result.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        results.forEach(r -> r.cancel(true));
        throw new IllegalStateException("interrupted while checking posts", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("a check escaped its isolation", e.getCause());
      }
    }
  }

  /** One post's check, isolated: an exception is this post's failure, never the run's. */
  private CheckResult checkOne(PostRecord post, Map<String, PostFetch> batched, String via) {
    try {
      return pipeline.check(post, batched, via);
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
