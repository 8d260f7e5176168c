package org.embedwatch.evidence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.embedwatch.config.ScheduleSettings;

/**
 * When a post is checked next: the decay curve (offsets from the post's first check, then a fixed interval), faster
 * while a deletion waits for confirmation, and sooner after a check that reached no endpoint, with backoff. Pure and
 * immutable.
 *
 * @param offsets when a post is checked, as offsets from its first check, each longer than the one before
 *     ({@code schedule.post-cadence})
 * @param then the interval after the last offset ({@code schedule.post-then})
 * @param confirmEvery the interval while a post is suspected unavailable: the confirmation span divided into the gaps
 *     its checks need, so that a deletion is confirmed about one span after it is first seen
 * @param retryFirst the wait after the first check in a row that reached no endpoint ({@code schedule.retry-first}),
 *     doubled for each further one
 * @param retryMax the longest such wait ({@code schedule.retry-max})
 */
public record Cadence(List<Duration> offsets, Duration then, Duration confirmEvery, Duration retryFirst,
    Duration retryMax) {
  /** The shortest interval of any kind: a cadence never makes a post due again at the time of its check. */
  static final Duration SHORTEST = Duration.ofMinutes(1);

  public Cadence {
    offsets = List.copyOf(offsets);
    Objects.requireNonNull(then, "then");
    Objects.requireNonNull(confirmEvery, "confirmEvery");
    Objects.requireNonNull(retryFirst, "retryFirst");
    Objects.requireNonNull(retryMax, "retryMax");
    Duration before = Duration.ZERO;
    for (Duration d : offsets) {
      if (d.compareTo(before) <= 0) {
        throw new IllegalArgumentException("cadence offsets must be positive and increasing, got " + offsets);
      }
      before = d;
    }
    for (Duration d : List.of(then, confirmEvery, retryFirst, retryMax)) {
      if (d.compareTo(SHORTEST) < 0) {
        throw new IllegalArgumentException("a cadence interval is at least " + SHORTEST + ", got " + d);
      }
    }
  }

  /**
   * The cadence with the interval {@code rule} needs while a post is suspected: its span divided by the gaps between
   * its checks ({@code 24 h / (3 - 1) = 12 h}); at least a minute.
   */
  public static Cadence of(List<Duration> offsets, Duration then, ConfirmationRule rule, Duration retryFirst,
      Duration retryMax) {
    Duration every = rule.checks() <= 1 ? rule.span() : rule.span().dividedBy(rule.checks() - 1);
    return new Cadence(offsets, then, every.compareTo(SHORTEST) < 0 ? SHORTEST : every, retryFirst, retryMax);
  }

  /** The cadence of the {@code schedule.*} settings, with the confirmation interval {@code rule} needs. */
  public static Cadence of(ScheduleSettings s, ConfirmationRule rule) {
    return of(s.postCadence(), s.postThen(), rule, s.retryFirst(), s.retryMax());
  }

  /**
   * When a post is next due and which rule said so.
   *
   * @param rule {@code cadence +PT6H}, {@code cadence then every P91D}, {@code confirmation every PT12H} or
   *     {@code retry after PT20M (2 checks in a row reached no endpoint)}; stored with the check
   */
  public record Step(Instant due, String rule) {
    public Step {
      Objects.requireNonNull(due, "due");
      Objects.requireNonNull(rule, "rule");
    }
  }

  /**
   * The post's next check after the check made at {@code now}: the earliest of its regular turn on the curve, the
   * confirmation interval while {@code state} is {@code SUSPECTED_UNAVAILABLE}, and the retry after checks that reached
   * no endpoint.
   *
   * @param firstCheck when the post was first checked ({@code now} for its first check)
   * @param unreachableInRow how many of the post's latest checks in a row, this one included, had no endpoint answer
   *     that is evidence (all transport errors, timeouts, 429s): 0 when this one had one
   */
  public Step next(Instant firstCheck, Instant now, PostState state, int unreachableInRow) {
    if (unreachableInRow < 0) {
      throw new IllegalArgumentException("checks in a row cannot be negative, got " + unreachableInRow);
    }
    Step best = regular(firstCheck, now);
    if (state == PostState.SUSPECTED_UNAVAILABLE) {
      best = earlier(best, new Step(now.plus(confirmEvery), "confirmation every " + confirmEvery));
    }
    if (unreachableInRow > 0) {
      Duration wait = retryWait(unreachableInRow);
      best = earlier(best, new Step(now.plus(wait), "retry after " + wait + " (" + unreachableInRow
          + (unreachableInRow == 1 ? " check" : " checks in a row") + " reached no endpoint)"));
    }
    return best;
  }

  /** The wait after {@code n} checks in a row that reached no endpoint: the first, doubled n-1 times, at most the max. */
  Duration retryWait(int n) {
    Duration wait = retryFirst;
    for (int i = 1; i < n && wait.compareTo(retryMax) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(retryMax) > 0 ? retryMax : wait;
  }

  /** The first point of the curve after {@code now}. */
  private Step regular(Instant firstCheck, Instant now) {
    for (Duration offset : offsets) {
      Instant at = firstCheck.plus(offset);
      if (at.isAfter(now)) {
        return new Step(at, "cadence +" + offset);
      }
    }
    Instant last = offsets.isEmpty() ? firstCheck : firstCheck.plus(offsets.get(offsets.size() - 1));
    long periods = now.isBefore(last) ? 1 : Duration.between(last, now).dividedBy(then) + 1;
    return new Step(last.plus(then.multipliedBy(periods)), "cadence then every " + then);
  }

  private static Step earlier(Step a, Step b) {
    return b.due().isBefore(a.due()) ? b : a;
  }

  /** One line: {@code +PT1H, +PT6H, … then every P91D; PT12H while suspected; retry PT10M doubling to PT6H}. */
  public String describe() {
    return String.join(", ", offsets.stream().map(d -> "+" + d).toList()) + " then every " + then + "; "
        + confirmEvery + " while suspected; retry " + retryFirst + " doubling to " + retryMax;
  }
}
