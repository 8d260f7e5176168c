package org.embedwatch.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CadenceTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final Cadence CADENCE = Cadence.of(
      List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofDays(3), Duration.ofDays(7),
          Duration.ofDays(30), Duration.ofDays(90)),
      Duration.ofDays(91), new ConfirmationRule(3, Duration.ofHours(24), 2), Duration.ofMinutes(10),
      Duration.ofHours(6));

  private static Instant regular(Instant now) {
    return CADENCE.next(T0, now, PostState.AVAILABLE, 0).due();
  }

  @Test
  void anAvailablePostFollowsTheDecayCurveFromItsFirstCheck() {
    assertThat(regular(T0)).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(regular(T0.plus(Duration.ofHours(1)))).isEqualTo(T0.plus(Duration.ofHours(6)));
    assertThat(regular(T0.plus(Duration.ofHours(6)))).isEqualTo(T0.plus(Duration.ofHours(24)));
    assertThat(regular(T0.plus(Duration.ofHours(24)))).isEqualTo(T0.plus(Duration.ofDays(3)));
    assertThat(regular(T0.plus(Duration.ofDays(3)))).isEqualTo(T0.plus(Duration.ofDays(7)));
    assertThat(regular(T0.plus(Duration.ofDays(7)))).isEqualTo(T0.plus(Duration.ofDays(30)));
    assertThat(regular(T0.plus(Duration.ofDays(30)))).isEqualTo(T0.plus(Duration.ofDays(90)));
    assertThat(regular(T0.plus(Duration.ofDays(90)))).isEqualTo(T0.plus(Duration.ofDays(181)));
    assertThat(regular(T0.plus(Duration.ofDays(181)))).isEqualTo(T0.plus(Duration.ofDays(272)));
  }

  @Test
  void aLateCheckGoesToTheNextPointOfTheCurveNotAnOffsetFromItself() {
    // Checked 2 hours late (the machine was off): the next turn is still +24 h from the first check.
    Cadence.Step step = CADENCE.next(T0, T0.plus(Duration.ofHours(8)), PostState.AVAILABLE, 0);
    assertThat(step.due()).isEqualTo(T0.plus(Duration.ofHours(24)));
    assertThat(step.rule()).isEqualTo("cadence +PT24H");
    assertThat(regular(T0.plus(Duration.ofDays(200)))).isEqualTo(T0.plus(Duration.ofDays(272)));
    assertThat(CADENCE.next(T0, T0.plus(Duration.ofDays(200)), PostState.AVAILABLE, 0).rule())
        .isEqualTo("cadence then every PT2184H");
  }

  @Test
  void aSuspectedPostIsCheckedAtTheIntervalConfirmationNeeds() {
    Instant seen = T0.plus(Duration.ofDays(3));
    Cadence.Step step = CADENCE.next(T0, seen, PostState.SUSPECTED_UNAVAILABLE, 0);
    assertThat(step.due()).isEqualTo(seen.plus(Duration.ofHours(12)));
    assertThat(step.rule()).isEqualTo("confirmation every PT12H");
    assertThat(CADENCE.confirmEvery()).isEqualTo(Duration.ofHours(12));
    // Never later than the regular turn: at +1 h the curve's +6 h comes sooner than 12 hours on.
    assertThat(CADENCE.next(T0, T0.plus(Duration.ofHours(1)), PostState.SUSPECTED_UNAVAILABLE, 0).due())
        .isEqualTo(T0.plus(Duration.ofHours(6)));
    assertThat(CADENCE.next(T0, seen, PostState.CONFIRMED_UNAVAILABLE, 0).due()).isEqualTo(T0.plus(Duration.ofDays(7)));
  }

  @Test
  void aCheckThatReachedNoEndpointIsRetriedWithDoublingBackoffUpToTheMax() {
    Instant now = T0.plus(Duration.ofDays(3));
    assertThat(CADENCE.next(T0, now, PostState.AVAILABLE, 1).due()).isEqualTo(now.plus(Duration.ofMinutes(10)));
    assertThat(CADENCE.next(T0, now, PostState.AVAILABLE, 2).due()).isEqualTo(now.plus(Duration.ofMinutes(20)));
    assertThat(CADENCE.next(T0, now, PostState.AVAILABLE, 3).due()).isEqualTo(now.plus(Duration.ofMinutes(40)));
    assertThat(CADENCE.next(T0, now, PostState.AVAILABLE, 7).due()).isEqualTo(now.plus(Duration.ofHours(6)));
    assertThat(CADENCE.next(T0, now, PostState.AVAILABLE, 1_000_000).due()).isEqualTo(now.plus(Duration.ofHours(6)));
    assertThat(CADENCE.next(T0, now, PostState.AVAILABLE, 2).rule())
        .isEqualTo("retry after PT20M (2 checks in a row reached no endpoint)");
    // Never later than the regular turn.
    Instant early = T0.plus(Duration.ofMinutes(55));
    assertThat(CADENCE.next(T0, early, PostState.AVAILABLE, 5).due()).isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void confirmationIntervalFollowsTheRule() {
    Cadence one = Cadence.of(List.of(Duration.ofHours(1)), Duration.ofDays(1),
        new ConfirmationRule(1, Duration.ZERO, 1), Duration.ofMinutes(10), Duration.ofHours(1));
    assertThat(one.confirmEvery()).isEqualTo(Duration.ofMinutes(1));
    Cadence five = Cadence.of(List.of(Duration.ofHours(1)), Duration.ofDays(1),
        new ConfirmationRule(5, Duration.ofHours(48), 2), Duration.ofMinutes(10), Duration.ofHours(1));
    assertThat(five.confirmEvery()).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void badCadencesAreRefused() {
    assertThatThrownBy(() -> new Cadence(List.of(Duration.ofHours(6), Duration.ofHours(1)), Duration.ofDays(1),
        Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("increasing");
    assertThatThrownBy(() -> new Cadence(List.of(), Duration.ZERO, Duration.ofHours(1), Duration.ofMinutes(10),
        Duration.ofHours(1))).hasMessageContaining("at least");
    assertThatThrownBy(() -> CADENCE.next(T0, T0, PostState.AVAILABLE, -1)).hasMessageContaining("negative");
  }
}
