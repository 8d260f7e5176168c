package org.embedwatch.net;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What a response says about when to come back: {@code Retry-After} (delay-seconds or an HTTP-date, RFC 9110
 * §10.2.3) and {@code x-rate-limit-remaining} / {@code x-rate-limit-reset} (epoch seconds, as X sends them).
 */
final class RateLimitHeaders {
  private RateLimitHeaders() {}

  /** The instant {@code Retry-After} names, if it is present and readable. */
  static Optional<Instant> retryAfter(Fetch.Response r, Instant now) {
    Optional<String> value = r.header("Retry-After").map(String::trim);
    if (value.isEmpty() || value.get().isEmpty()) {
      return Optional.empty();
    }
    String v = value.get();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(now.plus(Duration.ofSeconds(Long.parseLong(v))));
      } catch (NumberFormatException | ArithmeticException e) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** The reset instant when {@code x-rate-limit-remaining} is 0 (the quota is spent). */
  static Optional<Instant> quotaSpentUntil(Fetch.Response r) {
    Optional<String> remaining = r.header("x-rate-limit-remaining").map(String::trim);
    if (remaining.isEmpty() || !remaining.get().equals("0")) {
      return Optional.empty();
    }
    return reset(r);
  }

  /** {@code x-rate-limit-reset}, when present and readable. */
  static Optional<Instant> reset(Fetch.Response r) {
    try {
      return r.header("x-rate-limit-reset").map(String::trim).map(Long::parseLong).map(Instant::ofEpochSecond);
    } catch (NumberFormatException | DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Until when the host must be left alone after {@code r}, or empty when it may be asked again at once: a 429 parks
   * until {@code Retry-After}, else {@code x-rate-limit-reset}, else {@code now + fallback}; any response with
   * {@code x-rate-limit-remaining: 0} parks until its reset.
   */
  static Optional<Instant> parkUntil(Fetch.Response r, Instant now, Duration fallback) {
    if (r.status() == 429) {
      return Optional.of(retryAfter(r, now).or(() -> reset(r)).orElse(now.plus(fallback)));
    }
    return quotaSpentUntil(r);
  }
}
