package org.embedwatch.net;

import java.time.Duration;

/**
 * How the HTTP stack waits (for a host's next request slot, before a retry). Production waits for real; tests and the
 * demo pass one that records the wait or moves a simulated clock, so that nothing sleeps.
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits for {@code duration} (zero or more). */
  void sleep(Duration duration) throws InterruptedException;

  /** Waits on the current thread ({@link Thread#sleep}). */
  static Sleeper real() {
    return d -> {
      if (!d.isZero() && !d.isNegative()) {
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
      }
    };
  }
}
