package org.embedwatch.store;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Clock;
import java.time.Instant;

/**
 * The token buckets every worker on one PostgreSQL database shares (migration V20's {@code host_bucket}: one row per
 * key, holding Bucket4j's serialised state), through Bucket4j's PostgreSQL proxy manager: each use of a bucket is one
 * transaction on the store's pool that locks its row ({@code select … for update}), so workers on any number of
 * machines take turns from one bucket. Not for H2: its SQL is PostgreSQL's.
 */
public final class SharedBuckets {
  private SharedBuckets() {}

  /**
   * The buckets kept in {@code db}, keyed by text, refilled by {@code clock}'s time (the application's clock, so that a
   * simulated clock moves them too).
   *
   * @throws IllegalArgumentException when {@code db} is not PostgreSQL
   */
  public static ProxyManager<String> on(Database db, Clock clock) {
    if (db.vendor() != Database.Vendor.POSTGRESQL) {
      throw new IllegalArgumentException("shared buckets need PostgreSQL, not " + db.vendor() + " (" + db.url() + ")");
    }
    return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(db.dataSource())
        .primaryKeyMapper(PrimaryKeyMapper.STRING)
        .table("host_bucket")
        .idColumn("id")
        .stateColumn("state")
        .clientClock(meter(clock))
        .build();
  }

  private static TimeMeter meter(Clock clock) {
    return new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }
}
