package org.embedwatch.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A failure the sandbox injects instead of, or into, a normal answer. Immutable. It is set for every host
 * ({@link Sandbox#setFault(Fault)}), for one simulated host ({@link Sandbox#setFault(String, Fault)}), or for one post
 * ({@code Change.flaky}, which takes only {@link Kind#STATUS} and {@link Kind#TIMEOUT}: the other kinds change the
 * normal answer on its way out, which only the dispatcher sees).
 *
 * <ul>
 *   <li>{@link Status}: an HTTP status, rendered the way the real host does (syndication's text/plain 429, v1.1's
 *       code 88), with optional headers ({@code Retry-After}, {@code x-rate-limit-*}).
 *   <li>{@link Timeout}: the request is held unanswered until {@link Sandbox#releaseHeldRequests()} or
 *       {@link Sandbox#close()}, then answered 504.
 *   <li>{@link Truncated}: the normal answer, whose headers promise its full {@code Content-Length}, but only the first
 *       half of the body is sent before the connection is closed (a broken transfer).
 *   <li>{@link Slow}: the normal answer, sent after a hold of {@code delay} (real time: a client with a shorter read
 *       timeout gives up). The hold ends early at {@link Sandbox#releaseHeldRequests()} or {@link Sandbox#close()}.
 *   <li>{@link Mixed}: for each request, one of several faults drawn with its probability, or none;
 *       deterministic (see {@link #random}).
 * </ul>
 *
 * <p>{@code times()}: as a global or host fault, how many requests it answers before it clears itself; 0 for every
 * request until cleared.
 */
public sealed interface Fault permits Fault.None, Fault.Status, Fault.Timeout, Fault.Truncated, Fault.Slow,
    Fault.Mixed {

  /** The kinds of fault, to switch on. */
  enum Kind {
    NONE,
    STATUS,
    TIMEOUT,
    TRUNCATED,
    SLOW,
    MIXED
  }

  Kind kind();

  int times();

  /** This fault for the next {@code n} requests only (as a global or host fault); then the sandbox answers normally. */
  Fault times(int n);

  /** Whether this fault changes anything. */
  default boolean active() {
    return kind() != Kind.NONE;
  }

  /** What is left of this fault once it has answered one more request: itself, a smaller count, or none. */
  default Fault afterOneRequest() {
    if (times() == 0) {
      return this;
    }
    return times() == 1 ? none() : times(times() - 1);
  }

  /** No fault: answer normally. */
  static Fault none() {
    return new None();
  }

  /** Answer every affected request with this HTTP status (400..599). */
  static Fault status(int status) {
    return new Status(status, Map.of(), 0);
  }

  /** Hold every affected request unanswered until released or closed. */
  static Fault timeout() {
    return new Timeout(0);
  }

  /** Send half of each affected answer's body under a Content-Length promising all of it, then close. */
  static Fault truncated() {
    return new Truncated(0);
  }

  /** Hold each affected answer for {@code delay} (real time) before sending it. */
  static Fault slow(Duration delay) {
    return new Slow(delay, 0);
  }

  /** A 429 with {@code Retry-After: <seconds>}. */
  static Fault retryAfter(Duration wait) {
    return new Status(429, Map.of("Retry-After", Long.toString(wait.toSeconds())), 0);
  }

  /** A 429 with {@code x-rate-limit-remaining: 0} and {@code x-rate-limit-reset: <epoch seconds>}, as X sends it. */
  static Fault quotaSpent(Instant reset) {
    return new Status(429, Map.of("x-rate-limit-limit", "900", "x-rate-limit-remaining", "0",
        "x-rate-limit-reset", Long.toString(reset.getEpochSecond())), 0);
  }

  /**
   * Injects faults at random, reproducibly: each request draws one of {@code rates}' faults with its probability
   * (their sum at most 1), or none. The draw depends only on {@code seed}, the request (method, path and query) and how
   * many times the sandbox has seen that same request before, never on timing or on other requests, so concurrent
   * clients get the same faults in every run; a retry of a request is a new draw.
   *
   * @param rates each fault (not none, not mixed, without a count) and the probability of drawing it, in (0, 1]
   * @throws IllegalArgumentException when a fault or a rate is not allowed, or the rates add up to more than 1
   */
  static Fault random(long seed, Map<Fault, Double> rates) {
    List<Mixed.Chance> chances = new ArrayList<>();
    rates.forEach((fault, rate) -> chances.add(new Mixed.Chance(fault, rate)));
    return new Mixed(seed, chances);
  }

  private static void checkTimes(int times) {
    if (times < 0) {
      throw new IllegalArgumentException("times must be 0 (always) or more, got " + times);
    }
  }

  private static void checkCount(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + n);
    }
  }

  /** No fault. */
  record None() implements Fault {
    @Override
    public Kind kind() {
      return Kind.NONE;
    }

    @Override
    public int times() {
      return 0;
    }

    @Override
    public Fault times(int n) {
      throw new IllegalArgumentException("no fault has no count");
    }
  }

  /** An HTTP status (400..599) with extra response headers. */
  record Status(int status, Map<String, String> headers, int times) implements Fault {
    public Status {
      headers = Map.copyOf(headers);
      checkTimes(times);
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("a fault status must be 400..599, got " + status);
      }
    }

    @Override
    public Kind kind() {
      return Kind.STATUS;
    }

    @Override
    public Fault times(int n) {
      checkCount(n);
      return new Status(status, headers, n);
    }
  }

  /** Held unanswered until released or closed. */
  record Timeout(int times) implements Fault {
    public Timeout {
      checkTimes(times);
    }

    @Override
    public Kind kind() {
      return Kind.TIMEOUT;
    }

    @Override
    public Fault times(int n) {
      checkCount(n);
      return new Timeout(n);
    }
  }

  /** Half the body under a Content-Length promising all of it, then the connection is closed. */
  record Truncated(int times) implements Fault {
    public Truncated {
      checkTimes(times);
    }

    @Override
    public Kind kind() {
      return Kind.TRUNCATED;
    }

    @Override
    public Fault times(int n) {
      checkCount(n);
      return new Truncated(n);
    }
  }

  /** The normal answer after a hold of {@code delay}. */
  record Slow(Duration delay, int times) implements Fault {
    public Slow {
      Objects.requireNonNull(delay, "delay");
      checkTimes(times);
      if (delay.isNegative() || delay.isZero()) {
        throw new IllegalArgumentException("a slow fault needs a positive delay, got " + delay);
      }
    }

    @Override
    public Kind kind() {
      return Kind.SLOW;
    }

    @Override
    public Fault times(int n) {
      checkCount(n);
      return new Slow(delay, n);
    }
  }

  /**
   * One fault drawn per request (see {@link Fault#random}). The chances are kept in a canonical order (kind, status,
   * delay, headers), so that the same rates give the same draws however the caller's map orders them.
   */
  record Mixed(long seed, List<Chance> chances) implements Fault {
    private static final Comparator<Chance> CANONICAL = Comparator
        .comparing((Chance c) -> c.fault().kind())
        .thenComparingInt(c -> c.fault() instanceof Status s ? s.status() : 0)
        .thenComparing(c -> c.fault() instanceof Slow s ? s.delay() : Duration.ZERO)
        .thenComparing(c -> c.fault() instanceof Status s ? new TreeMap<>(s.headers()).toString() : "");

    /** One fault and the probability of drawing it. */
    public record Chance(Fault fault, double rate) {
      public Chance {
        Objects.requireNonNull(fault, "fault");
        if (!fault.active() || fault.kind() == Kind.MIXED || fault.times() != 0) {
          throw new IllegalArgumentException("a random fault draws among plain faults without a count, not " + fault);
        }
        if (!(rate > 0 && rate <= 1)) {
          throw new IllegalArgumentException("a fault's rate must be in (0, 1], got " + rate + " for " + fault);
        }
      }
    }

    public Mixed {
      List<Chance> sorted = new ArrayList<>(chances);
      sorted.sort(CANONICAL);
      chances = List.copyOf(sorted);
      if (chances.isEmpty()) {
        throw new IllegalArgumentException("a random fault needs at least one fault and its rate");
      }
      double sum = chances.stream().mapToDouble(Chance::rate).sum();
      if (sum > 1 + 1e-9) {
        throw new IllegalArgumentException("the rates of a random fault add up to " + sum + ", more than 1");
      }
    }

    @Override
    public Kind kind() {
      return Kind.MIXED;
    }

    @Override
    public int times() {
      return 0;
    }

    @Override
    public Fault times(int n) {
      throw new IllegalArgumentException("a random fault is drawn for every request; it has no count");
    }

    /**
     * The fault for the {@code arrival}-th time (1, 2, …) that {@code request} reaches the sandbox, or none.
     *
     * @param request what identifies the request, e.g. {@code GET /host/path?query}
     */
    public Fault draw(String request, long arrival) {
      double u = unit(seed, request, arrival);
      double upTo = 0;
      for (Chance c : chances) {
        upTo += c.rate();
        if (u < upTo) {
          return c.fault();
        }
      }
      return none();
    }

    /** A number in [0, 1) that depends only on the three inputs (FNV-1a over the request, then SplitMix64). */
    static double unit(long seed, String request, long arrival) {
      long h = 0xcbf29ce484222325L;
      for (byte b : request.getBytes(StandardCharsets.UTF_8)) {
        h = (h ^ (b & 0xff)) * 0x100000001b3L;
      }
      long x = mix(mix(seed ^ h) + arrival);
      return (x >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
      z += 0x9e3779b97f4a7c15L;
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      return z ^ (z >>> 31);
    }
  }
}
