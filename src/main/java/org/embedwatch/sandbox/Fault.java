package org.embedwatch.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A failure the sandbox injects instead of a normal answer: an HTTP status (each route renders it the way the real
 * host does, e.g. syndication's text/plain 429, v1.1's code 88), or a timeout, where the request is held unanswered
 * until {@link Sandbox#releaseHeldRequests()} or {@link Sandbox#close()}.
 *
 * @param kind what to do
 * @param status the HTTP status for {@link Kind#STATUS}, else 0
 * @param headers extra response headers of a status fault ({@code Retry-After}, {@code x-rate-limit-*})
 * @param times as a global fault ({@link Sandbox#setFault}), how many requests it answers before it clears itself;
 *     0 for every request until cleared
 */
public record Fault(Kind kind, int status, Map<String, String> headers, int times) {

  /** The kinds of fault. */
  public enum Kind {
    NONE,
    STATUS,
    TIMEOUT
  }

  public Fault(Kind kind, int status) {
    this(kind, status, Map.of(), 0);
  }

  public Fault {
    headers = Map.copyOf(headers);
    if (times < 0) {
      throw new IllegalArgumentException("times must be 0 (always) or more, got " + times);
    }
    if (kind != Kind.STATUS && !headers.isEmpty()) {
      throw new IllegalArgumentException("only a STATUS fault has headers, got " + kind + " with " + headers);
    }
    if (kind == Kind.STATUS && (status < 400 || status > 599)) {
      throw new IllegalArgumentException("a fault status must be 400..599, got " + status);
    }
    if (kind != Kind.STATUS && status != 0) {
      throw new IllegalArgumentException("only a STATUS fault has a status, got " + kind + " with " + status);
    }
  }

  /** No fault: answer normally. */
  public static Fault none() {
    return new Fault(Kind.NONE, 0);
  }

  /** Answer every affected request with this HTTP status (400..599). */
  public static Fault status(int status) {
    return new Fault(Kind.STATUS, status);
  }

  /** Hold every affected request unanswered until released or closed. */
  public static Fault timeout() {
    return new Fault(Kind.TIMEOUT, 0);
  }

  /** A 429 with {@code Retry-After: <seconds>}. */
  public static Fault retryAfter(Duration wait) {
    return new Fault(Kind.STATUS, 429, Map.of("Retry-After", Long.toString(wait.toSeconds())), 0);
  }

  /** A 429 with {@code x-rate-limit-remaining: 0} and {@code x-rate-limit-reset: <epoch seconds>}, as X sends it. */
  public static Fault quotaSpent(Instant reset) {
    return new Fault(Kind.STATUS, 429, Map.of("x-rate-limit-limit", "900", "x-rate-limit-remaining", "0",
        "x-rate-limit-reset", Long.toString(reset.getEpochSecond())), 0);
  }

  /** This fault for the next {@code n} requests only (as a global fault); then the sandbox answers normally. */
  public Fault times(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + n);
    }
    return new Fault(kind, status, headers, n);
  }

  /** Whether this fault changes anything. */
  public boolean active() {
    return kind != Kind.NONE;
  }
}
