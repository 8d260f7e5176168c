package org.embedwatch.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.PostState;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.evidence.DerivedState;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.CheckPolicy;
import org.embedwatch.evidence.ConfirmationRule;

/**
 * Derives a post's state from its ordered observations; a pure function, so any stored history can be re-folded.
 *
 * <p>Observations are taken check by check (every endpoint asked in one check shares its number). A check is
 * <em>served</em> when any endpoint served the post, <em>unavailable</em> when none did and at least one said the post
 * is unavailable or not found, and <em>inconclusive</em> otherwise (transport errors, timeouts, 5xx, 429, refusals,
 * unexpected bodies). Inconclusive checks never change a state: a network failure is not evidence of anything.
 *
 * <ul>
 *   <li>No observation: {@code PENDING}; only inconclusive checks: {@code UNREACHABLE}.
 *   <li>A served check: {@code ALTERED} when some endpoint's latest served content differs from the first it served:
 *       its fingerprint, or the digest of its photos ({@link Observation#pictures()}, where recorded: a photo
 *       replaced under the same URL changes it, a re-encoded copy does not), else {@code REAPPEARED} when the post's unavailability had been confirmed before, else
 *       {@code AVAILABLE}.
 *   <li>Unavailable checks since the last served one: {@code CONFIRMED_UNAVAILABLE} when there are at least
 *       {@link ConfirmationRule#checks()} of them, the first and last unavailable observations are at least {@link ConfirmationRule#span()}
 *       apart, and at least {@link ConfirmationRule#endpoints()} distinct endpoints said so (or every endpoint the platform has,
 *       when it has fewer); else {@code SUSPECTED_UNAVAILABLE}.
 *   <li>The reason is the most specific one given since the post was last served (the latest among equally specific
 *       ones; see {@link #rank}): a bare "not found" confirms unavailability but does not erase the reason another
 *       endpoint gave, and oEmbed's "not authorized" (protected) does not hide syndication's post served without its
 *       author (account gone); none given at all is {@code unknown}.
 *   <li>Observations of web archives ({@code wayback-*}, see {@link Observation#corroboration()}) are left out: a
 *       memento list corroborates the post's past and says nothing about its availability now.
 * </ul>
 */
public final class StateFold {
  private final ConfirmationRule rule;

  public StateFold(ConfirmationRule rule) {
    this.rule = rule;
  }

  public ConfirmationRule rule() {
    return rule;
  }

  /**
   * The state the observations (oldest first) justify under {@code policy}: its confirmation rule, and as many live
   * endpoints as it names. This is how a stored check is re-derived: with the policy stored with it.
   */
  public static DerivedState fold(List<Observation> all, CheckPolicy policy) {
    return new StateFold(policy.confirmation()).fold(all, policy.endpoints().size());
  }

  /**
   * The state the observations (oldest first) justify.
   *
   * @param endpoints how many live endpoints the post's platform has here (confirmation never asks for more)
   * @return the state, its reason, a one-paragraph explanation in observations, and the positions in {@code all} of
   *     the observations behind it
   */
  public DerivedState fold(List<Observation> all, int endpoints) {
    List<Integer> live = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (!all.get(i).corroboration()) {
        live.add(i);
      }
    }
    if (live.isEmpty()) {
      return new DerivedState(PostState.PENDING, null, "not checked yet", List.of());
    }
    Map<String, String> firstFingerprint = new HashMap<>();
    Map<String, String> latestFingerprint = new HashMap<>();
    Map<String, String> firstPictures = new HashMap<>();
    Map<String, String> latestPictures = new HashMap<>();
    PostState state = PostState.UNREACHABLE;
    boolean everConfirmed = false;
    UnavailableReason reason = null;
    List<Integer> streak = new ArrayList<>();
    int streakChecks = 0;
    List<Integer> lastServed = List.of();
    for (List<Integer> check : checks(all, live)) {
      List<Integer> served = check.stream().filter(i -> all.get(i).outcome() == Outcome.AVAILABLE).toList();
      List<Integer> gone = check.stream().filter(i -> unavailable(all.get(i))).toList();
      if (!served.isEmpty()) {
        for (int i : served) {
          Observation o = all.get(i);
          firstFingerprint.putIfAbsent(o.endpoint(), o.fingerprint());
          latestFingerprint.put(o.endpoint(), o.fingerprint());
          if (o.pictures() != null) {
            firstPictures.putIfAbsent(o.endpoint(), o.pictures());
            latestPictures.put(o.endpoint(), o.pictures());
          }
        }
        streak = new ArrayList<>();
        streakChecks = 0;
        reason = null;
        lastServed = served;
        boolean altered = latestFingerprint.entrySet().stream()
            .anyMatch(e -> !Objects.equals(firstFingerprint.get(e.getKey()), e.getValue()))
            || latestPictures.entrySet().stream()
                .anyMatch(e -> !Objects.equals(firstPictures.get(e.getKey()), e.getValue()));
        state = altered ? PostState.ALTERED : everConfirmed ? PostState.REAPPEARED : PostState.AVAILABLE;
      } else if (!gone.isEmpty()) {
        streak.addAll(gone);
        streakChecks++;
        for (int i : gone) {
          UnavailableReason r = all.get(i).reason();
          if (all.get(i).outcome() == Outcome.UNAVAILABLE && r != null && rank(r) > 0
              && (reason == null || rank(r) >= rank(reason))) {
            reason = r;
          }
        }
        state = confirmed(all, streak, streakChecks, endpoints)
            ? PostState.CONFIRMED_UNAVAILABLE : PostState.SUSPECTED_UNAVAILABLE;
        everConfirmed |= state == PostState.CONFIRMED_UNAVAILABLE;
      }
    }
    return switch (state) {
      case UNREACHABLE -> new DerivedState(state, null, "never reached: every check so far was inconclusive",
          List.of());
      case SUSPECTED_UNAVAILABLE, CONFIRMED_UNAVAILABLE -> {
        UnavailableReason r = reason == null ? UnavailableReason.UNKNOWN : reason;
        yield new DerivedState(state, r, unavailableExplanation(all, streak, streakChecks, state, r, endpoints),
            List.copyOf(streak));
      }
      default -> new DerivedState(state, null, servedExplanation(all, lastServed, state), List.copyOf(lastServed));
    };
  }

  /**
   * How specific a reason is. Words that name what happened to this post or account (deleted, suspended, withheld,
   * age-restricted) outrank a post served without its author (account gone: deleted or suspended), which outranks
   * "not authorized" (protected, but oEmbed answers a suspended account's posts the same way).
   */
  private static int rank(UnavailableReason r) {
    return switch (r) {
      case DELETED, SUSPENDED, WITHHELD, AGE_RESTRICTED -> 3;
      case ACCOUNT_GONE -> 2;
      case PROTECTED -> 1;
      case UNKNOWN -> 0;
    };
  }

  private boolean confirmed(List<Observation> all, List<Integer> streak, int checks, int endpoints) {
    Duration span = Duration.between(all.get(streak.get(0)).observedAt(),
        all.get(streak.get(streak.size() - 1)).observedAt());
    return checks >= rule.checks() && span.compareTo(rule.span()) >= 0
        && endpointsOf(all, streak).size() >= Math.min(rule.endpoints(), Math.max(1, endpoints));
  }

  private static boolean unavailable(Observation o) {
    return o.outcome() == Outcome.UNAVAILABLE || o.outcome() == Outcome.NOT_FOUND;
  }

  /** The live observations grouped by check, in order; an unnumbered observation is a check of its own. */
  private static List<List<Integer>> checks(List<Observation> all, List<Integer> live) {
    Map<Object, List<Integer>> groups = new LinkedHashMap<>();
    for (int i : live) {
      int n = all.get(i).check();
      groups.computeIfAbsent(n > 0 ? (Object) n : (Object) ("#" + i), k -> new ArrayList<>()).add(i);
    }
    return List.copyOf(groups.values());
  }

  private static Set<String> endpointsOf(List<Observation> all, List<Integer> indices) {
    Set<String> names = new LinkedHashSet<>();
    indices.forEach(i -> names.add(all.get(i).endpoint()));
    return names;
  }

  /**
   * "unavailable (deleted) at 3 checks between T1 and T2, via x-syndication (HTTP 200: tombstone: …) and x-oembed
   * (HTTP 404: …)", then what confirmation still needs when it is only suspected.
   */
  private String unavailableExplanation(List<Observation> all, List<Integer> streak, int checks, PostState state,
      UnavailableReason reason, int endpoints) {
    Instant first = all.get(streak.get(0)).observedAt();
    Instant last = all.get(streak.get(streak.size() - 1)).observedAt();
    Map<String, String> said = new LinkedHashMap<>();
    for (int i : streak) {
      Observation o = all.get(i);
      String status = o.httpStatus() == null ? "" : "HTTP " + o.httpStatus();
      String detail = o.detail() == null || o.detail().startsWith(status.isEmpty() ? "\u0000" : status) ? ""
          : o.detail();
      said.put(o.endpoint(), o.endpoint() + " (" + status + (!status.isEmpty() && !detail.isEmpty() ? ": " : "")
          + detail + ")");
    }
    StringBuilder sb = new StringBuilder("unavailable (").append(reason.key()).append(") at ").append(checks)
        .append(checks == 1 ? " check on " + first : " checks between " + first + " and " + last)
        .append(", via ").append(String.join(" and ", said.values()));
    if (state == PostState.CONFIRMED_UNAVAILABLE) {
      sb.append("; confirmed: at least ").append(rule.checks()).append(rule.checks() == 1 ? " check" : " checks")
          .append(" over at least ").append(human(rule.span())).append(" through ")
          .append(said.size()).append(said.size() == 1 ? " endpoint" : " endpoints");
    } else {
      int needEndpoints = Math.min(rule.endpoints(), Math.max(1, endpoints));
      List<String> missing = new ArrayList<>();
      if (checks < rule.checks()) {
        missing.add(rule.checks() + " checks (" + checks + " so far)");
      }
      if (Duration.between(first, last).compareTo(rule.span()) < 0) {
        missing.add("at least " + human(rule.span()) + " between the first and the last");
      }
      if (said.size() < needEndpoints) {
        missing.add(needEndpoints + " endpoints agreeing (" + said.size() + " so far)");
      }
      sb.append("; suspected, not confirmed: confirmation needs ").append(String.join(", ", missing));
    }
    return sb.toString();
  }

  private static String servedExplanation(List<Observation> all, List<Integer> served, PostState state) {
    Observation o = all.get(served.get(served.size() - 1));
    String what = switch (state) {
      case ALTERED -> "served with content that differs from the first capture";
      case REAPPEARED -> "served again after its unavailability was confirmed";
      default -> "served with the content of the first capture";
    };
    return what + " at the check of " + o.observedAt() + ", via " + String.join(" and ", endpointsOf(all, served));
  }

  private static String human(Duration d) {
    if (d.toHours() > 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    return d.toString();
  }
}
