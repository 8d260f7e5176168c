package org.embedwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.embedwatch.evidence.CaptureRecord;
import org.embedwatch.evidence.CapturedArticle;
import org.embedwatch.evidence.Check;
import org.embedwatch.evidence.CheckPolicy;
import org.embedwatch.evidence.CheckedEndpoint;
import org.embedwatch.evidence.ConfirmationRule;
import org.embedwatch.evidence.DerivedState;
import org.embedwatch.evidence.EvidenceEvent;
import org.embedwatch.evidence.Finding;
import org.embedwatch.evidence.FindingKind;
import org.embedwatch.evidence.Media;
import org.embedwatch.evidence.MediaKind;
import org.embedwatch.evidence.MediaOutcome;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.PostCapture;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.evidence.PostState;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.extract.Reference;
import org.embedwatch.testsupport.StoreExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The write path on a real database (H2, or PostgreSQL with {@code -Dembedwatch.test.postgres}). */
@ExtendWith(StoreExtension.class)
class EvidenceStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
  private static final byte[] PHOTO = "not really a jpeg".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final ExecutorService threads = Executors.newFixedThreadPool(3);

  @AfterEach
  void stopThreads() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aCaptureBodyRoundTripsByteForByte(Database db) {
    byte[] body = new byte[300_000];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 7 + i / 256);
    }
    body[0] = 0;
    body[body.length - 1] = (byte) 0xff;
    long post = posts(db, "1").get(0).id();

    check(new EvidenceStore(db), post, capture(body, List.of()), T0);

    EvidenceReader reader = new EvidenceReader(db);
    CaptureRecord stored = reader.captures(post).get(0);
    assertThat(stored.capture().body()).isEqualTo(body);
    assertThat(stored.capturedAt()).isEqualTo(T0);
    assertThat(stored.capture().bodySha256()).isEqualTo(Sha256.of(body));
    assertThat(reader.capturesWithoutBodies(post)).singleElement()
        .satisfies(c -> assertThat(c.capture().body()).isEmpty());
  }

  @Test
  void timesKeepTheirMicrosecondsAndTheirInstant(Database db) {
    PostRecord post = posts(db, "1").get(0);

    check(new EvidenceStore(db), post.id(), null, T0.plus(Duration.ofHours(24)));

    EvidenceReader reader = new EvidenceReader(db);
    assertThat(reader.observations(post.id())).singleElement()
        .satisfies(o -> assertThat(o.observation().observedAt()).isEqualTo(T0));
    assertThat(reader.post(post.id())).hasValueSatisfying(p -> {
      assertThat(p.firstSeen()).isEqualTo(T0);
      assertThat(p.nextCheckAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
    });
    assertThat(reader.duePosts(T0.plus(Duration.ofHours(24)))).hasSize(1);
    assertThat(reader.duePosts(T0.plus(Duration.ofHours(23)))).isEmpty();
  }

  @Test
  void twoChecksStoringTheSameMediaAtOnceShareOneMediaRow(Database db) throws Exception {
    List<PostRecord> posts = posts(db, "1", "2");
    EvidenceStore store = new EvidenceStore(db);
    Media photo = new Media(MediaKind.PHOTO, "https://pbs.twimg.com/media/a.jpg", MediaOutcome.STORED, Sha256.of(PHOTO), "image/jpeg",
        PHOTO.length, "media/ab/cd", null);

    List<Future<Long>> checks = whileAnUncommittedRowHoldsTheKey(db, "media", "insert into media(sha256, content_type,"
        + " byte_length, path) values ('" + photo.sha256().hex() + "', 'image/jpeg', 1, 'held')", posts.stream()
        .map(p -> (java.util.concurrent.Callable<Long>) () -> check(store, p.id(), capture(PHOTO, List.of(photo)), T0))
        .toList());

    for (Future<Long> check : checks) {
      assertThat(check.get(30, TimeUnit.SECONDS)).isPositive();
    }
    assertThat(ids(db, "select id from media")).hasSize(1);
    assertThat(ids(db, "select media_id from post_capture_media")).hasSize(2)
        .containsOnly(ids(db, "select id from media").get(0));
  }

  @Test
  void twoChecksStoringTheSameFindingAtOnceStoreItOnce(Database db) throws Exception {
    long post = posts(db, "1").get(0).id();
    EvidenceStore store = new EvidenceStore(db);
    Finding altered = new Finding(FindingKind.ALTERED, "post 1: text a -> b", post, null, null, null, T0, "text differs",
        null);

    List<Future<Boolean>> saves = whileAnUncommittedRowHoldsTheKey(db, "finding", "insert into finding(kind, finding_key,"
        + " first_seen, summary) values ('ALTERED', 'post 1: text a -> b', timestamp with time zone"
        + " '2026-03-01 10:00:00+00', 'held')", List.of(() -> saved(store, altered),
            () -> saved(store, altered)));

    assertThat(List.of(saves.get(0).get(30, TimeUnit.SECONDS), saves.get(1).get(30, TimeUnit.SECONDS)))
        .containsExactlyInAnyOrder(true, false);
    assertThat(new EvidenceReader(db).findings()).singleElement()
        .satisfies(f -> assertThat(f.finding().summary()).isEqualTo("text differs"));
  }

  @Test
  void aFindingStoredAlreadyIsNotStoredAgain(Database db) {
    EvidenceStore store = new EvidenceStore(db);
    Finding drift = new Finding(FindingKind.ARTICLE_DRIFT, "k", null, null, null, null, T0, "reference removed", "detail");

    assertThat(saved(store, drift)).isTrue();
    assertThat(saved(store, drift)).isFalse();
    assertThat(new EvidenceReader(db).findings()).hasSize(1);
  }

  /**
   * Runs {@code writers} at once while another transaction holds an uncommitted row ({@code heldInsert}) with the key
   * they all write, and rolls it back once every writer waits on it. So the writers find no row when they look, then
   * race on the unique key: one inserts, and the others' inserts fail on it, which is the path under test.
   */
  private <T> List<Future<T>> whileAnUncommittedRowHoldsTheKey(Database db, String table, String heldInsert,
      List<java.util.concurrent.Callable<T>> writers) throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> holder = threads.submit(() -> db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(heldInsert)) {
        ps.executeUpdate();
      }
      held.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      c.rollback();
      return null;
    }));
    assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
    List<Future<T>> running = writers.stream().map(threads::submit).toList();
    awaitBlockedInserts(db, table, writers.size());
    release.countDown();
    holder.get(30, TimeUnit.SECONDS);
    return running;
  }

  /**
   * Polls until {@code n} sessions wait in an insert into {@code table} (no sleep: each poll is a query). H2 shows no
   * lock waits, but an insert it is still executing is one: the key it inserts is held.
   */
  private static void awaitBlockedInserts(Database db, String table, int n) {
    String sql = db.vendor() == Database.Vendor.POSTGRESQL
        ? "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
            + " and query like 'insert into " + table + "(%'"
        : "select count(*) from information_schema.sessions where executing_statement like 'insert into " + table
            + "(%'";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (ids(db, sql).get(0) < n) {
      assertThat(System.nanoTime()).as("%d inserts into %s waiting within 30 s", n, table).isLessThan(deadline);
    }
  }

  @Test
  void aNewPostGetsItsCheckTaskInItsTransactionAndACheckMovesItUnlessPicked(Database db) {
    List<PostRecord> posts = posts(db, "101", "102");
    List<Long> ids = posts.stream().map(PostRecord::id).toList();

    assertThat(tasks(db)).as("one check-post execution per post, due when the post was stored")
        .containsExactly("check-post " + ids.get(0) + " " + T0 + " false",
            "check-post " + ids.get(1) + " " + T0 + " false");
    posts(db, "101");
    assertThat(tasks(db)).as("a post stored again keeps its one execution").hasSize(2);

    Instant next = T0.plus(Duration.ofHours(1));
    db.inTransaction(c -> c.createStatement().executeUpdate("update scheduled_tasks set picked = true"
        + " where task_instance = '" + ids.get(1) + "'"));
    check(new EvidenceStore(db), ids.get(0), null, next);
    new EvidenceStore(db).record(new EvidenceEvent.CheckCompleted(new Check(ids.get(1), Check.keyAfter(ids.get(1), 0),
        T0, new CheckPolicy(new ConfirmationRule(3, Duration.ofHours(24), 2), List.of("x-syndication"),
        "cadence +PT1H", false), List.of(), List.of(new CheckedEndpoint(observation(), null, List.of(), List.of())),
        available(), next)));

    assertThat(tasks(db)).as("the unpicked execution moves with the check; a picked one is its run's to reschedule")
        .containsExactly("check-post " + ids.get(0) + " " + next + " false",
            "check-post " + ids.get(1) + " " + T0 + " true");
  }

  private static List<String> tasks(Database db) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("select task_name, task_instance, execution_time, picked"
          + " from scheduled_tasks where task_name='check-post' order by cast(task_instance as bigint)"); ResultSet rs = ps.executeQuery()) {
        List<String> out = new java.util.ArrayList<>();
        while (rs.next()) {
          out.add(rs.getString(1) + " " + rs.getString(2) + " "
              + rs.getObject(3, java.time.OffsetDateTime.class).toInstant() + " " + rs.getBoolean(4));
        }
        return out;
      }
    });
  }

  private static List<Long> ids(Database db, String sql) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        List<Long> out = new java.util.ArrayList<>();
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
        return out;
      }
    });
  }

  /** Stores an article citing X posts {@code ids} and returns their rows. */
  private static List<PostRecord> posts(Database db, String... ids) {
    List<Reference> refs = java.util.Arrays.stream(ids).map(id -> new Reference(Platform.X, id, "someone",
        "https://twitter.com/someone/status/" + id, List.of(Reference.Form.BLOCKQUOTE), Reference.Scope.ARTICLE,
        "quoted", null, null, null)).toList();
    EvidenceStore.SavedArticle saved = new EvidenceStore(db).record(new EvidenceEvent.ArticleCaptured(new CapturedArticle(
        "https://news.example/a", "https://news.example/a", T0, "text/html", "utf-8", Sha256.of(new byte[0]), 0,
        "articles/a", null, null), refs, T0));
    return saved.references().stream().map(r -> r.post().orElseThrow()).toList();
  }

  private static Observation observation() {
    return new Observation(T0, "x-syndication", "https://cdn.syndication.twimg.com/tweet-result?id=1", 200,
        Outcome.AVAILABLE, null, null, Sha256.of(PHOTO), "f".repeat(64), null, 1);
  }

  private static PostCapture capture(byte[] body, List<Media> media) {
    return new PostCapture("x-syndication", body, Sha256.of(body), "payload", "f".repeat(64), "hello", "someone",
        "Someone", null, media);
  }

  /** Records one check of {@code post} with one endpoint's observation (and {@code capture}, when not null). */
  private static long check(EvidenceStore store, long post, PostCapture capture, Instant nextDue) {
    CheckPolicy policy = new CheckPolicy(new ConfirmationRule(3, Duration.ofHours(24), 2), List.of("x-syndication"),
        "cadence +PT24H", false);
    return store.record(new EvidenceEvent.CheckCompleted(new Check(post, Check.keyAfter(post, 0), T0, policy,
        List.of(), List.of(new CheckedEndpoint(observation(), capture, List.of(), List.of())), available(), nextDue)))
        .checkId();
  }

  private static boolean saved(EvidenceStore store, Finding f) {
    return !store.record(new EvidenceEvent.FindingsRecorded(List.of(f))).isEmpty();
  }

  private static DerivedState available() {
    return new DerivedState(PostState.AVAILABLE, null, "available at check 1", List.of(0));
  }
}
