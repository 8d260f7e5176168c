package org.embedwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.ExtendWith;
import org.embedwatch.testsupport.StoreExtension;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.embedwatch.archive.BlobStore;
import org.embedwatch.config.Settings;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.evidence.CapturedArticle;
import org.embedwatch.evidence.Check;
import org.embedwatch.evidence.Cadence;
import org.embedwatch.evidence.CheckPolicy;
import org.embedwatch.evidence.CheckRecord;
import org.embedwatch.evidence.CheckedEndpoint;
import org.embedwatch.evidence.DerivedState;
import org.embedwatch.evidence.PostState;
import org.embedwatch.evidence.ConfirmationRule;
import org.embedwatch.evidence.EvidenceEvent;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.extract.Reference;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostEndpoint;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import org.embedwatch.platform.wayback.AvailabilityClient;
import org.embedwatch.platform.wayback.CdxClient;
import org.embedwatch.platform.wayback.MementoClient;
import org.embedwatch.platform.wayback.WaybackClients;
import org.embedwatch.read.ContentSniffer;
import org.embedwatch.store.CheckReader;
import org.embedwatch.store.Database;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.store.EvidenceStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check runner on a real database (see {@link StoreExtension}): one post's failure is that post's, and a check is recorded once. */
@ExtendWith(StoreExtension.class)
class CheckRunnerTest {
  @TempDir Path work;
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  private Database db;
  private EvidenceStore store;
  private EvidenceReader reader;
  private HttpFetcher http;
  private ExecutorService threads;
  private final List<String> asked = new ArrayList<>();

  @BeforeEach
  void open(Database db) {
    this.db = db;
    store = new EvidenceStore(db);
    reader = new EvidenceReader(db);
    http = new HttpFetcher(new SettingsLoader(work).load(Optional.empty(), List.of("net.only-routed=true")).net(),
        ExchangeRecorder.none(), clock, d -> { });
    threads = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void close() throws Exception {
    threads.shutdownNow();
    http.close();
  }

  /** A Bluesky endpoint that says every post is not found, except that it throws for {@code failing}. */
  private PostEndpoint endpoint(String name, String failing) {
    return new PostEndpoint() {
      @Override
      public Platform platform() {
        return Platform.BLUESKY;
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public PostFetch fetch(PostKey post) {
        synchronized (asked) {
          asked.add(name + " " + post.postId());
        }
        if (post.postId().equals(failing)) {
          throw new IllegalStateException("endpoint broke on " + post.postId());
        }
        URI uri = URI.create("https://bsky.example/" + post.postId());
        return new PostFetch.NotFound(name, new Fetch.Response(uri, uri, clock.instant(), 404, List.of(), new byte[0],
            false, Sha256.of(new byte[0]), null), "HTTP 404");
      }
    };
  }

  private CheckRunner runner(List<PostEndpoint> endpoints) {
    return runner(endpoints, threads);
  }

  private CheckRunner runner(List<PostEndpoint> endpoints, ExecutorService threads) {
    ObjectMapper json = new ObjectMapper();
    return CheckRunner.of(endpoints, new MediaFetcher(http, new BlobStore(work.resolve("media")), new ContentSniffer(),
            new Settings.Media(1_000_000), clock),
        reader, store, new WaybackCorroboration(new WaybackClients(new CdxClient(http, json),
            new AvailabilityClient(http, json), new MementoClient(http, json)), store, reader,
            (post, forms, at) -> {}, clock),
        new CheckPolicy(new ConfirmationRule(3, Duration.ofHours(24), 2), List.of(), "not checked yet", false),
        Cadence.of(List.of(Duration.ofDays(1)), Duration.ofDays(1), new ConfirmationRule(3, Duration.ofHours(24), 2),
            Duration.ofMinutes(10), Duration.ofHours(6)),
        clock, threads);
  }

  private List<PostRecord> posts(String... ids) {
    List<Reference> refs = new ArrayList<>();
    for (String id : ids) {
      refs.add(new Reference(Platform.BLUESKY, id, "someone.example", "https://bsky.app/profile/someone.example/post/"
          + id, List.of(Reference.Form.LINK), Reference.Scope.ARTICLE, null, null, null, null));
    }
    Sha256 sha = Sha256.of(new byte[] {1});
    EvidenceStore.SavedArticle saved = store.record(new EvidenceEvent.ArticleCaptured(new CapturedArticle("a.html",
        null, clock.instant(), "text/html", "UTF-8", sha, 1, "articles/a", null, null), refs, clock.instant()));
    return saved.references().stream().map(r -> r.post().orElseThrow()).toList();
  }

  @Test
  void aStopRequestedDuringACheckLetsItFinishAndStartsNoOther() {
    List<PostRecord> posts = posts("3kaaa", "3kbbb", "3kccc", "3kddd");
    StopToken stop = new StopToken();
    PostEndpoint stopping = new PostEndpoint() {
      private final PostEndpoint inner = endpoint("bsky-a", null);

      @Override
      public Platform platform() {
        return Platform.BLUESKY;
      }

      @Override
      public String name() {
        return "bsky-a";
      }

      @Override
      public PostFetch fetch(PostKey post) {
        stop.request("the test"); // Ctrl-C while the first check is asking its endpoint
        return inner.fetch(post);
      }
    };
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      List<CheckResult> results = new ArrayList<>();
      CheckRunner.Summary summary = runner(List.of(stopping), one).checkEach(posts, stop, results::add);
      assertThat(results).singleElement().satisfies(r -> {
        assertThat(r.post().postId()).isEqualTo("3kaaa");
        assertThat(r.failed()).as("the check in flight finished").isFalse();
      });
      assertThat(summary.checked()).isEqualTo(1);
      assertThat(asked).as("endpoint requests: none for the posts after the stop").containsExactly("bsky-a 3kaaa");
      assertThat(new CheckReader(db).checks(posts.get(0).id())).hasSize(1);
      assertThat(new CheckReader(db).checks(posts.get(1).id())).isEmpty();
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void onePostsFailureIsThatPostsResultAndTheRunGoesOn() {
    List<PostRecord> posts = posts("3kaaa", "3kbbb", "3kccc");
    List<CheckResult> results = new ArrayList<>();

    runner(List.of(endpoint("bsky-a", null), endpoint("bsky-b", "3kbbb"))).checkAll(posts, results::add);

    assertThat(results).extracting(r -> r.post().postId()).containsExactly("3kaaa", "3kbbb", "3kccc");
    assertThat(results.get(1).failed()).isTrue();
    assertThat(results.get(1).failure()).contains("endpoint broke on 3kbbb");
    assertThat(results.get(0).failed()).isFalse();
    assertThat(results.get(2).failed()).isFalse();
    // The failed check left nothing behind, not even the answer the first endpoint gave before the second broke.
    assertThat(reader.observations(posts.get(1).id())).isEmpty();
    assertThat(new CheckReader(db).checks(posts.get(1).id())).isEmpty();
    assertThat(reader.observations(posts.get(0).id())).hasSize(2);
    assertThat(new CheckReader(db).checks(posts.get(0).id())).singleElement()
        .satisfies(c -> assertThat(c.policy().endpoints()).containsExactly("bsky-a", "bsky-b"));
  }

  @Test
  void aPostWhoseCheckTheStoreRefusesIsThatPostsFailureAndTheRunGoesOn() {
    // H2 only: a trigger (Java code inside H2) refuses one post's observations, as a value no column held did.
    org.junit.jupiter.api.Assumptions.assumeTrue(db.vendor() == Database.Vendor.H2);
    List<PostRecord> posts = posts("3kaaa", "3kbbb", "3kccc");
    RefusingTrigger.postRef = posts.get(1).id();
    db.inTransaction(c -> c.createStatement().execute("create trigger refuse before insert on observation for each"
        + " row call \"" + RefusingTrigger.class.getName() + "\""));
    List<CheckResult> results = new ArrayList<>();

    runner(List.of(endpoint("bsky-a", null))).checkAll(posts, results::add);

    assertThat(results).extracting(r -> r.post().postId()).containsExactly("3kaaa", "3kbbb", "3kccc");
    assertThat(results).extracting(CheckResult::failed).containsExactly(false, true, false);
    assertThat(results.get(1).failure()).contains("refused by the test's trigger");
    assertThat(new CheckReader(db).checks(posts.get(1).id())).isEmpty();
    assertThat(new CheckReader(db).checks(posts.get(2).id())).hasSize(1);
  }

  /** Refuses every observation of the post {@link #postRef}. */
  public static final class RefusingTrigger implements org.h2.api.Trigger {
    static volatile long postRef;

    @Override
    public void fire(java.sql.Connection c, Object[] oldRow, Object[] newRow) throws java.sql.SQLException {
      if (newRow != null && newRow[1] instanceof Number n && n.longValue() == postRef) {
        throw new java.sql.SQLException("refused by the test's trigger", "22001");
      }
    }
  }

  @Test
  void checksAreNumberedOneByOneAndACheckRecordedTwiceIsStoredOnce() {
    List<PostRecord> posts = posts("3kaaa");
    CheckRunner runner = runner(List.of(endpoint("bsky-a", null)));

    assertThat(runner.check(posts.get(0)).number()).isEqualTo(1);
    assertThat(runner.check(posts.get(0)).number()).isEqualTo(2);
    CheckRecord second = new CheckReader(db).checks(posts.get(0).id()).get(1);
    // The same check again (an at-least-once task run a second time): its key is stored, so nothing is.
    Check again = new Check(posts.get(0).id(), second.key(), clock.instant(), second.policy(), List.of(),
        List.of(new CheckedEndpoint(reader.observations(posts.get(0).id()).get(1).observation(), null, List.of(),
            List.of())), new DerivedState(PostState.AVAILABLE, null), clock.instant());
    EvidenceStore.RecordedCheck recorded = store.record(new EvidenceEvent.CheckCompleted(again));

    assertThat(recorded.duplicate()).isTrue();
    assertThat(recorded.number()).isEqualTo(2);
    assertThat(new CheckReader(db).checks(posts.get(0).id())).extracting(c -> c.number() + " " + c.key())
        .containsExactly("1 post " + posts.get(0).id() + " after check 0", "2 post " + posts.get(0).id()
            + " after check 1");
    assertThat(reader.observations(posts.get(0).id())).hasSize(2);
    assertThat(reader.post(posts.get(0).id()).orElseThrow().state()).isEqualTo(PostState.SUSPECTED_UNAVAILABLE);
  }
}
