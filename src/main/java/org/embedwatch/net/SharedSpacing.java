package org.embedwatch.net;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.embedwatch.config.Settings;

/**
 * Request spacing shared by every process on one database: each host's rate is a Bucket4j token bucket kept by
 * {@code buckets} (the store's {@code host_bucket} table on PostgreSQL), so that N workers together send no more than
 * the rate. A request takes one token: Bucket4j reserves it in one transaction (the bucket's row locked meanwhile)
 * and says how long to wait for it, and the wait goes through the {@link Sleeper}; a turn further away than the
 * caller's {@code maxWait} is not taken.
 *
 * <p>The bucket holds one token and refills greedily at the rate ({@code requests} tokens per {@code per}, added
 * continuously): an idle host may be asked once at once, and then every {@code per/requests}, as {@link LocalSpacing}
 * spaces requests in one process; reserved turns queue behind each other (the bucket goes below zero), so waiting
 * requests of all workers are served in order, one interval apart. Each bucket is keyed by host and rate
 * ({@code api.example 20/PT1S}), so a changed {@code net.rate} starts a new bucket rather than reading an old one
 * with the old configuration; a process still running with the old rate keeps using the old bucket meanwhile.
 * Bucket4j computes refills from this process's clock: workers on several machines need synchronised clocks (NTP),
 * and a skew between them shifts their turns by that much. Thread-safe.
 */
public final class SharedSpacing implements RequestSpacing {
  private final ProxyManager<String> buckets;
  private final Sleeper sleeper;
  private final ConcurrentHashMap<String, BucketProxy> proxies = new ConcurrentHashMap<>();

  /** Spacing through {@code buckets} (whose client clock is the application's), waiting through {@code sleeper}. */
  public SharedSpacing(ProxyManager<String> buckets, Sleeper sleeper) {
    this.buckets = buckets;
    this.sleeper = sleeper;
  }

  @Override
  public boolean take(String host, Settings.Rate rate, Duration maxWait) throws InterruptedException {
    if (rate.isOff()) {
      return true;
    }
    String key = key(host, rate);
    BucketProxy bucket = proxies.computeIfAbsent(key, k -> buckets.builder().build(k, () -> configuration(rate)));
    return bucket.asBlocking().tryConsume(1, maxWait, nanos -> sleeper.sleep(Duration.ofNanos(nanos)));
  }

  /** The bucket's key: the host and its rate, as {@code host requests/per}. */
  static String key(String host, Settings.Rate rate) {
    return host + " " + rate.requests() + "/" + rate.per();
  }

  /** One token, refilled greedily at the rate. */
  static BucketConfiguration configuration(Settings.Rate rate) {
    return BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(1).refillGreedy(rate.requests(), rate.per()).initialTokens(1).build())
        .build();
  }
}
