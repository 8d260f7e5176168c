package org.embedwatch.store;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.BeforeEach;
import org.embedwatch.testsupport.StoreExtension;
import org.embedwatch.config.Settings;
import org.embedwatch.evidence.PostRecord;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.embedwatch.evidence.Platform;
import org.junit.jupiter.api.Test;

/** {@code EvidenceStore.claimDue}: each due post goes to one claimer, oldest due first. */
@ExtendWith(StoreExtension.class)
class DueClaimsTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final Duration LEASE = Duration.ofHours(1);
  private static final Set<Platform> X = Set.of(Platform.X);

  private Database db;
  private Settings.Store settings;
  private EvidenceStore store;

  @BeforeEach
  void open(Database db, Settings.Store settings) {
    this.db = db;
    this.settings = settings;
    this.store = new EvidenceStore(db);
  }

  private void post(Platform platform, String id, Instant due) {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("insert into post(platform, post_id, url, first_seen, state,"
          + " next_check_at, identity) values (?,?,?,?,'PENDING',?,?)")) {
        ps.setString(1, platform.key());
        ps.setString(2, id);
        ps.setString(3, "https://example.org/" + id);
        ps.setObject(4, NOW.minus(Duration.ofDays(2)).atOffset(ZoneOffset.UTC));
        ps.setObject(5, due.atOffset(ZoneOffset.UTC));
        ps.setString(6, id);
        return ps.executeUpdate();
      }
    });
  }

  private static List<String> ids(List<PostRecord> posts) {
    return posts.stream().map(PostRecord::postId).toList();
  }

  @Test
  void dueCheckablePostsAreClaimedOldestFirstOnceAndLeased() {
    post(Platform.X, "3", NOW.minusSeconds(10));
    post(Platform.X, "1", NOW.minusSeconds(30));
    post(Platform.X, "2", NOW.minusSeconds(20));
    post(Platform.X, "later", NOW.plusSeconds(1));
    post(Platform.THREADS, "t", NOW.minusSeconds(60));

    List<PostRecord> first = store.claimDue(NOW, LEASE, 2, X);
    List<PostRecord> second = store.claimDue(NOW, LEASE, 2, X);
    List<PostRecord> third = store.claimDue(NOW, LEASE, 2, X);

    assertThat(ids(first)).containsExactly("1", "2");
    assertThat(ids(second)).containsExactly("3");
    assertThat(third).isEmpty();
    assertThat(first).allSatisfy(p -> assertThat(p.nextCheckAt()).isEqualTo(NOW.plus(LEASE)));
    assertThat(ids(store.claimDue(NOW, LEASE, 10, Set.of(Platform.THREADS)))).containsExactly("t");
    assertThat(ids(store.claimDue(NOW.plus(LEASE), LEASE, 10, X))).as("a lease that ran out is due again")
        .containsExactlyInAnyOrder("1", "2", "3", "later");
  }

  @Test
  void claimersAtOnceShareTheDuePostsWithoutOverlap() throws Exception {
    for (int i = 0; i < 60; i++) {
      post(Platform.X, "p" + i, NOW.minusSeconds(i % 7));
    }
    List<Database> others = List.of(Database.open(settings), Database.open(settings), Database.open(settings));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<List<String>>> claimers = new ArrayList<>();
      claimers.add(() -> claimAll(store));
      others.forEach(other -> claimers.add(() -> claimAll(new EvidenceStore(other))));
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : pool.invokeAll(claimers)) {
        all.addAll(f.get());
      }

      assertThat(all).hasSize(60).doesNotHaveDuplicates();
    } finally {
      pool.shutdown();
      others.forEach(Database::close);
    }
  }

  private static List<String> claimAll(EvidenceStore store) {
    List<String> mine = new ArrayList<>();
    List<PostRecord> batch;
    while (!(batch = store.claimDue(NOW, LEASE, 7, X)).isEmpty()) {
      mine.addAll(ids(batch));
    }
    return mine;
  }
}
