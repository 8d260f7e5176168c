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
 * A number too large for an {@link Instant} reads as {@link Instant#MAX} ("further than anything"), never as an error:
 * {@link HostLimits} cuts every park to {@code net.max-park}.
 */
final class RateLimitHeaders {
  private RateLimitHeaders() {}

  /** The instant {@code Retry-After} names, if it is present and readable ({@link Instant#MAX} when out of range). */
  static Optional<Instant> retryAfter(Fetch.Response r, Instant now) {
    Optional<String> value = r.header("Retry-After").map(String::trim);
    if (value.isEmpty() || value.get().isEmpty()) {
      return Optional.empty();
    }
    String v = value.get();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(now.plus(Duration.ofSeconds(Long.parseLong(v))));
      } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
        return Optional.of(Instant.MAX); // all digits, but more seconds than time holds
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

  /** {@code x-rate-limit-reset}, when present and readable ({@link Instant#MAX} when out of range). */
  static Optional<Instant> reset(Fetch.Response r) {
    Optional<String> value = r.header("x-rate-limit-reset").map(String::trim);
    if (value.isEmpty() || value.get().isEmpty() || !value.get().chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.get())));
    } catch (NumberFormatException | DateTimeException e) {
      return Optional.of(Instant.MAX); // all digits, but further ahead than time holds
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
