package org.embedwatch.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.embedwatch.config.Settings;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.store.Database;
import org.embedwatch.store.SharedBuckets;
import org.embedwatch.testsupport.StoreExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link SharedSpacing} on the store's {@code host_bucket} (PostgreSQL): two workers, each with its own connection
 * pool, take their turns from one bucket per host and rate. Time is a simulated clock; waits are recorded, never
 * slept. On H2 only the refusal to build shared buckets is checked (the others need {@code -Dembedwatch.test.postgres}).
 */
@ExtendWith(StoreExtension.class)
class SharedSpacingTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Settings.Rate TWO_A_SECOND = new Settings.Rate(2, Duration.ofSeconds(1));

  private final MutableClock clock = new MutableClock(T0);
  private final List<String> waits = new CopyOnWriteArrayList<>();

  /** A worker's spacing on its own pool, recording each wait as "name wait". */
  private SharedSpacing worker(Database db, String name) {
    return new SharedSpacing(SharedBuckets.on(db, clock), d -> waits.add(name + " " + d));
  }

  private static void onPostgres(Database db) {
    assumeTrue(db.vendor() == Database.Vendor.POSTGRESQL, "shared buckets are kept on PostgreSQL only");
  }

  @Test
  void twoWorkersTakeTheirTurnsFromOneBucketOneIntervalApart(Database db, Settings.Store store) throws Exception {
    onPostgres(db);
    try (Database other = Database.open(store)) {
      SharedSpacing a = worker(db, "a");
      SharedSpacing b = worker(other, "b");
      for (int i = 0; i < 3; i++) {
        assertThat(a.take("a.example", TWO_A_SECOND, Duration.ofMinutes(1))).isTrue();
        assertThat(b.take("a.example", TWO_A_SECOND, Duration.ofMinutes(1))).isTrue();
      }
      assertThat(b.take("b.example", TWO_A_SECOND, Duration.ofMinutes(1))).as("another host's bucket").isTrue();
    }
    // The clock stands still: each turn queues behind the one before, whichever worker took it.
    assertThat(waits).containsExactly("b PT0.5S", "a PT1S", "b PT1.5S", "a PT2S", "b PT2.5S");
  }

  @Test
  void timeThatPassedRefillsTheBucketButNeverBeyondOneToken(Database db) throws Exception {
    onPostgres(db);
    SharedSpacing a = worker(db, "a");
    a.take("a.example", TWO_A_SECOND, Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(5));
    a.take("a.example", TWO_A_SECOND, Duration.ofMinutes(1));
    a.take("a.example", TWO_A_SECOND, Duration.ofMinutes(1));
    assertThat(waits).as("an idle host is asked once at once, then at its rate again").containsExactly("a PT0.5S");
  }

  @Test
  void aTurnFurtherAwayThanTheCallerCanWaitIsNotTakenAndTakesNothing(Database db) throws Exception {
    onPostgres(db);
    SharedSpacing a = worker(db, "a");
    for (int i = 0; i < 3; i++) {
      assertThat(a.take("a.example", TWO_A_SECOND, Duration.ofSeconds(1))).isTrue();
    }
    assertThat(a.take("a.example", TWO_A_SECOND, Duration.ofSeconds(1))).as("1.5 s away").isFalse();
    assertThat(a.take("a.example", TWO_A_SECOND, Duration.ofSeconds(2))).isTrue();
    assertThat(waits).containsExactly("a PT0.5S", "a PT1S", "a PT1.5S");
  }

  @Test
  void theBucketOutlivesTheWorkerThatUsedIt(Database db, Settings.Store store) throws Exception {
    onPostgres(db);
    try (Database first = Database.open(store)) {
      SharedSpacing a = worker(first, "a");
      a.take("a.example", TWO_A_SECOND, Duration.ofMinutes(1));
      a.take("a.example", TWO_A_SECOND, Duration.ofMinutes(1));
    }
    try (Database restarted = Database.open(store)) {
      worker(restarted, "a2").take("a.example", TWO_A_SECOND, Duration.ofMinutes(1));
    }
    assertThat(waits).containsExactly("a PT0.5S", "a2 PT1S");
  }

  @Test
  void aChangedRateStartsItsOwnBucket(Database db) throws Exception {
    onPostgres(db);
    SharedSpacing a = worker(db, "a");
    a.take("a.example", TWO_A_SECOND, Duration.ofMinutes(1));
    a.take("a.example", TWO_A_SECOND, Duration.ofMinutes(1));
    a.take("a.example", new Settings.Rate(1, Duration.ofSeconds(1)), Duration.ofMinutes(1));
    a.take("a.example", new Settings.Rate(1, Duration.ofSeconds(1)), Duration.ofMinutes(1));
    assertThat(waits).containsExactly("a PT0.5S", "a PT1S");
    assertThat(SharedSpacing.key("a.example", TWO_A_SECOND)).isEqualTo("a.example 2/PT1S");
  }

  @Test
  void anOffRateTouchesNoBucket(Database db) throws Exception {
    onPostgres(db);
    SharedSpacing a = worker(db, "a");
    for (int i = 0; i < 5; i++) {
      assertThat(a.take("a.example", Settings.Rate.off(), Duration.ZERO)).isTrue();
    }
    assertThat(waits).isEmpty();
    int rows = db.inTransaction(c -> {
      try (var rs = c.createStatement().executeQuery("select count(*) from host_bucket")) {
        rs.next();
        return rs.getInt(1);
      }
    });
    assertThat(rows).isZero();
  }

  @Test
  void sharedBucketsAreRefusedOnH2(Database db) {
    assumeTrue(db.vendor() == Database.Vendor.H2);
    assertThatThrownBy(() -> SharedBuckets.on(db, clock)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need PostgreSQL");
  }
}
