package org.embedwatch.net;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.embedwatch.config.Settings;

/** Which failed requests {@link HttpFetcher} asks again, and after how long ({@code net.retries} and the rest). */
final class RetryPolicy {
  private RetryPolicy() {}

  /**
   * How long to wait before retrying {@code f}, or empty when it must not be retried: a transport error or a 5xx after
   * the doubling backoff (or the 5xx's {@code Retry-After}); a 429 only when the host asked for a wait no longer than
   * {@code net.retry-max-wait}; nothing else (a 4xx is an answer, and redirects are followed, not retried).
   */
  static Optional<Duration> retryWait(Settings.Politeness polite, Fetch f, int attempt, Instant now,
      Optional<Instant> parkUntil) {
    Duration backoff = polite.retryBackoff().multipliedBy(1L << Math.min(attempt, 20));
    if (f instanceof Fetch.Failure failure) {
      return failure.kind() == Fetch.Kind.TIMEOUT || failure.kind() == Fetch.Kind.CONNECTION
          || failure.kind() == Fetch.Kind.IO ? Optional.of(backoff) : Optional.empty();
    }
    Fetch.Response r = (Fetch.Response) f;
    if (r.status() == 429) {
      Duration until = Duration.between(now, parkUntil.orElse(now));
      return until.compareTo(polite.retryMaxWait()) <= 0 ? Optional.of(until.isNegative() ? Duration.ZERO : until)
          : Optional.empty();
    }
    if (r.status() >= 500 && r.status() <= 599) {
      Optional<Instant> retryAfter = RateLimitHeaders.retryAfter(r, now);
      if (retryAfter.isEmpty()) {
        return Optional.of(backoff);
      }
      Duration asked = Duration.between(now, retryAfter.get());
      return asked.compareTo(polite.retryMaxWait()) <= 0 ? Optional.of(asked.isNegative() ? Duration.ZERO : asked)
          : Optional.empty();
    }
    return Optional.empty();
  }
}
