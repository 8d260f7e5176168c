package org.embedwatch.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed delivery is tried again: {@code first} after the first failure, doubled at each failure in a row, at
 * most {@code max}; none after {@code maxAttempts} attempts (given up).
 */
record Backoff(Duration first, Duration max, int maxAttempts) {
  Backoff {
    if (maxAttempts < 1 || first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("not a backoff: first " + first + ", max " + max + ", attempts "
          + maxAttempts);
    }
  }

  /** When attempt number {@code attempt} (from 1), failed at {@code now}, is tried again; empty: given up. */
  Optional<Instant> retryAt(int attempt, Instant now) {
    if (attempt >= maxAttempts) {
      return Optional.empty();
    }
    Duration wait = first;
    for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return Optional.of(now.plus(wait.compareTo(max) > 0 ? max : wait));
  }
}
