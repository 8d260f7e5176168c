package org.embedwatch.net;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.embedwatch.config.Settings;

/**
 * Even spacing of requests within one process: each request reserves the host's next free slot,
 * {@code rate.interval()} after the one before, and waits for it through the {@link Sleeper}. Another process on the
 * same host keeps its own slots. The wait is never refused ({@code maxWait} is not applied): this process's queue for
 * a host is bounded by its own concurrency limit. Time is read from the injected clock only. Thread-safe.
 */
final class LocalSpacing implements RequestSpacing {
  private final Clock clock;
  private final Sleeper sleeper;
  private final ConcurrentHashMap<String, Slots> hosts = new ConcurrentHashMap<>();

  LocalSpacing(Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public boolean take(String host, Settings.Rate rate, Duration maxWait) throws InterruptedException {
    if (rate.isOff()) {
      return true;
    }
    Duration wait = hosts.computeIfAbsent(host, h -> new Slots()).reserve(clock.instant(), rate.interval());
    if (!wait.isZero()) {
      sleeper.sleep(wait);
    }
    return true;
  }

  /** One host's next free slot. */
  private static final class Slots {
    private Instant next = Instant.MIN;

    /** Reserves the next request slot at or after {@code now}; returns how long to wait for it. */
    synchronized Duration reserve(Instant now, Duration interval) {
      Instant slot = next.isAfter(now) ? next : now;
      next = slot.plus(interval);
      return Duration.between(now, slot);
    }
  }
}
