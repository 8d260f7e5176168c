package org.embedwatch.verify;

import org.embedwatch.evidence.DerivedState;
import org.embedwatch.evidence.ConfirmationRule;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.PostState;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.evidence.DerivedState;
import org.embedwatch.evidence.Observation;
import org.junit.jupiter.api.Test;

/** The availability state machine of issue 6, check by check, on the default rule: 3 checks over 24 h via 2 endpoints. */
class StateFoldTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String SYN = "x-syndication";
  private static final String OEMBED = "x-oembed";

  private final StateFold fold = new StateFold(new ConfirmationRule(3, Duration.ofHours(24), 2));
  private final List<Observation> history = new ArrayList<>();
  private int check;
  private Instant at = T0;

  /** Starts the next check, {@code hours} after the previous one. */
  private StateFoldTest check(long hours) {
    check++;
    at = at.plus(Duration.ofHours(hours));
    return this;
  }

  private StateFoldTest saw(String endpoint, Outcome outcome, UnavailableReason reason, String fingerprint) {
    history.add(new Observation(at, endpoint, "https://example/" + endpoint, 200, outcome, reason,
        outcome == Outcome.UNAVAILABLE ? "tombstone: " + reason : outcome == Outcome.NOT_FOUND ? "404" : null, null,
        fingerprint, null, check));
    return this;
  }

  private StateFoldTest served(String endpoint, String fingerprint) {
    return saw(endpoint, Outcome.AVAILABLE, null, fingerprint);
  }

  private StateFoldTest deleted(String endpoint) {
    return saw(endpoint, Outcome.UNAVAILABLE, UnavailableReason.DELETED, null);
  }

  private StateFoldTest notFound(String endpoint) {
    return saw(endpoint, Outcome.NOT_FOUND, null, null);
  }

  private StateFoldTest failed(String endpoint, Outcome outcome) {
    return saw(endpoint, outcome, null, null);
  }

  private DerivedState state() {
    return fold.fold(history, 2);
  }

  @Test
  void noObservationsIsPendingAndOnlyInconclusiveOnesIsUnreachable() {
    assertThat(state().state()).isEqualTo(PostState.PENDING);
    check(0).failed(SYN, Outcome.SERVER_ERROR).failed(OEMBED, Outcome.TRANSPORT_ERROR);
    check(1).failed(SYN, Outcome.RATE_LIMITED).failed(OEMBED, Outcome.UNEXPECTED);
    assertThat(state().state()).isEqualTo(PostState.UNREACHABLE);
    assertThat(state().explanation()).startsWith("never reached");
  }

  @Test
  void oneUnavailableCheckIsOnlyASuspicionThatSaysWhatConfirmationNeeds() {
    check(0).served(SYN, "a").served(OEMBED, "o");
    check(24).deleted(SYN).notFound(OEMBED);

    DerivedState s = state();

    assertThat(s.state()).isEqualTo(PostState.SUSPECTED_UNAVAILABLE);
    assertThat(s.reason()).isEqualTo(UnavailableReason.DELETED);
    assertThat(s.explanation()).isEqualTo("unavailable (deleted) at 1 check on 2026-01-02T00:00:00Z, via"
        + " x-syndication (HTTP 200: tombstone: DELETED) and x-oembed (HTTP 200: 404); suspected, not confirmed:"
        + " confirmation needs 3 checks (1 so far), at least 24 hours between the first and the last");
    assertThat(s.evidence()).containsExactly(2, 3);
  }

  @Test
  void threeChecksOverADayThroughTwoEndpointsConfirm() {
    check(0).served(SYN, "a").served(OEMBED, "o");
    check(1).deleted(SYN).notFound(OEMBED);
    check(12).deleted(SYN).notFound(OEMBED);
    assertThat(state().state()).as("3 checks are needed").isEqualTo(PostState.SUSPECTED_UNAVAILABLE);
    check(12).deleted(SYN).notFound(OEMBED);

    DerivedState s = state();

    assertThat(s.state()).isEqualTo(PostState.CONFIRMED_UNAVAILABLE);
    assertThat(s.reason()).isEqualTo(UnavailableReason.DELETED);
    assertThat(s.explanation()).startsWith("unavailable (deleted) at 3 checks between 2026-01-01T01:00:00Z and"
        + " 2026-01-02T01:00:00Z, via x-syndication").endsWith("; confirmed: at least 3 checks over at least 24 hours"
        + " through 2 endpoints");
    assertThat(s.evidence()).containsExactly(2, 3, 4, 5, 6, 7);
  }

  @Test
  void threeChecksWithinADayStaySuspected() {
    check(0).served(SYN, "a");
    check(1).deleted(SYN).notFound(OEMBED);
    check(1).deleted(SYN).notFound(OEMBED);
    check(1).deleted(SYN).notFound(OEMBED);
    check(1).deleted(SYN).notFound(OEMBED);

    assertThat(state().state()).isEqualTo(PostState.SUSPECTED_UNAVAILABLE);
    assertThat(state().explanation()).contains("needs at least 24 hours between the first and the last");
  }

  @Test
  void oneEndpointIsNotEnoughWhereTwoExistButIsWhereThePlatformHasOne() {
    check(0).served(SYN, "a");
    for (int i = 0; i < 3; i++) {
      check(24).deleted(SYN).failed(OEMBED, Outcome.SERVER_ERROR);
    }

    assertThat(fold.fold(history, 2).state()).isEqualTo(PostState.SUSPECTED_UNAVAILABLE);
    assertThat(fold.fold(history, 2).explanation()).contains("2 endpoints agreeing (1 so far)");
    assertThat(fold.fold(history, 1).state()).isEqualTo(PostState.CONFIRMED_UNAVAILABLE);
  }

  @Test
  void inconclusiveChecksNeitherCountNorBreakTheRun() {
    check(0).served(SYN, "a");
    check(1).deleted(SYN).notFound(OEMBED);
    for (Outcome noise : List.of(Outcome.SERVER_ERROR, Outcome.RATE_LIMITED, Outcome.TRANSPORT_ERROR,
        Outcome.REFUSED, Outcome.UNEXPECTED)) {
      check(10).failed(SYN, noise).failed(OEMBED, noise);
      assertThat(state().state()).isEqualTo(PostState.SUSPECTED_UNAVAILABLE);
    }
    check(1).deleted(SYN).notFound(OEMBED);
    check(1).deleted(SYN).notFound(OEMBED);

    assertThat(state().state()).isEqualTo(PostState.CONFIRMED_UNAVAILABLE);
    assertThat(state().explanation()).contains("at 3 checks between");
  }

  @Test
  void aCheckWhereOneEndpointServesIsServedAndRestartsTheCount() {
    check(0).served(SYN, "a").served(OEMBED, "o");
    check(24).deleted(SYN).notFound(OEMBED);
    check(24).deleted(SYN).notFound(OEMBED);
    check(24).notFound(OEMBED).served(SYN, "a");
    assertThat(state().state()).isEqualTo(PostState.AVAILABLE);
    check(24).deleted(SYN).notFound(OEMBED);

    assertThat(state().state()).isEqualTo(PostState.SUSPECTED_UNAVAILABLE);
    assertThat(state().explanation()).contains("at 1 check on");
  }

  private StateFoldTest servedWithPhotos(String endpoint, String fingerprint, String pictures) {
    history.add(new Observation(at, endpoint, "https://example/" + endpoint, 200, Outcome.AVAILABLE, null, null,
        null, fingerprint, null, check, pictures));
    return this;
  }

  @Test
  void aReplacedPhotoUnderAnUnchangedFingerprintIsAlteredAndUnrecordedPhotosAreNoChange() {
    check(0).servedWithPhotos(SYN, "a", "p1").served(OEMBED, "o");
    check(24).servedWithPhotos(SYN, "a", "p1").served(OEMBED, "o");
    assertThat(state().state()).isEqualTo(PostState.AVAILABLE);
    check(24).served(SYN, "a").served(OEMBED, "o");
    assertThat(state().state()).as("photos not recorded at this check").isEqualTo(PostState.AVAILABLE);
    check(24).servedWithPhotos(SYN, "a", "p2").served(OEMBED, "o");
    assertThat(state().state()).isEqualTo(PostState.ALTERED);
    check(24).servedWithPhotos(SYN, "a", "p2").served(OEMBED, "o");
    assertThat(state().state()).isEqualTo(PostState.ALTERED);
  }

  @Test
  void servedAfterConfirmationReappearsAndAfterASuspicionIsAvailable() {
    check(0).served(SYN, "a");
    check(24).deleted(SYN).notFound(OEMBED);
    check(0).served(SYN, "a");
    assertThat(state().state()).as("never confirmed").isEqualTo(PostState.AVAILABLE);
    check(24).deleted(SYN).notFound(OEMBED);
    check(24).deleted(SYN).notFound(OEMBED);
    check(24).deleted(SYN).notFound(OEMBED);
    assertThat(state().state()).isEqualTo(PostState.CONFIRMED_UNAVAILABLE);
    check(24).served(SYN, "a");

    assertThat(state().state()).isEqualTo(PostState.REAPPEARED);
    assertThat(state().explanation()).startsWith("served again after its unavailability was confirmed");
    check(24).served(SYN, "b");
    assertThat(state().state()).as("content changed since the first capture").isEqualTo(PostState.ALTERED);
  }

  @Test
  void aBareNotFoundDoesNotEraseTheReasonAndNoReasonIsUnknown() {
    check(0).served(SYN, "a");
    check(24).saw(SYN, Outcome.UNAVAILABLE, UnavailableReason.SUSPENDED, null);
    check(24).notFound(SYN);
    assertThat(state().reason()).isEqualTo(UnavailableReason.SUSPENDED);

    StateFoldTest other = new StateFoldTest();
    other.check(0).notFound(SYN);
    assertThat(other.state().reason()).isEqualTo(UnavailableReason.UNKNOWN);
  }

  @Test
  void theMostSpecificReasonWinsSoASuspendedAccountIsNotReadAsProtected() {
    check(0).served(SYN, "a").served(OEMBED, "o");
    // Suspended, without credentials: syndication serves the post without its author, oEmbed says "not authorized".
    check(24).saw(SYN, Outcome.UNAVAILABLE, UnavailableReason.ACCOUNT_GONE, null)
        .saw(OEMBED, Outcome.UNAVAILABLE, UnavailableReason.PROTECTED, null);
    assertThat(state().reason()).isEqualTo(UnavailableReason.ACCOUNT_GONE);

    StateFoldTest protectedAccount = new StateFoldTest();
    protectedAccount.check(0).served(SYN, "a");
    protectedAccount.check(24).saw(SYN, Outcome.UNAVAILABLE, UnavailableReason.UNKNOWN, null)
        .saw(OEMBED, Outcome.UNAVAILABLE, UnavailableReason.PROTECTED, null);
    assertThat(protectedAccount.state().reason()).isEqualTo(UnavailableReason.PROTECTED);

    check(24).saw("x-v1.1", Outcome.UNAVAILABLE, UnavailableReason.SUSPENDED, null);
    assertThat(state().reason()).as("v1.1 code 63 says it").isEqualTo(UnavailableReason.SUSPENDED);
  }

  @Test
  void waybackObservationsNeverDecideTheState() {
    history.add(new Observation(T0, "wayback-cdx", "https://web.archive.org/cdx", 200, Outcome.NOT_FOUND, null,
        null, null, null, null));
    assertThat(state().state()).isEqualTo(PostState.PENDING);
    check(0).served(SYN, "a");
    history.add(new Observation(T0, "wayback-available", "https://archive.org/wayback/available", 200,
        Outcome.NOT_FOUND, null, null, null, null, null));
    assertThat(state().state()).isEqualTo(PostState.AVAILABLE);
  }

  @Test
  void unnumberedObservationsAreEachACheck() {
    // Stored before checks were numbered: each observation counts as a check of its own.
    for (int i = 0; i < 3; i++) {
      history.add(new Observation(T0.plus(Duration.ofHours(13L * i)), i % 2 == 0 ? SYN : OEMBED, "u", 404,
          Outcome.NOT_FOUND, null, "404", null, null, null));
    }
    assertThat(state().state()).isEqualTo(PostState.CONFIRMED_UNAVAILABLE);
  }

  /** However transport errors, 5xx, 429, refusals and unexpected bodies fall, a served post never reads as gone. */
  @Property(tries = 300)
  void noiseNeverMakesAServedPostUnavailableOrAltered(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 5) Integer> checks) {
    StateFoldTest t = new StateFoldTest();
    t.check(0).served(SYN, "a").served(OEMBED, "o");
    Outcome[] noise = {Outcome.SERVER_ERROR, Outcome.RATE_LIMITED, Outcome.TRANSPORT_ERROR, Outcome.REFUSED,
        Outcome.UNEXPECTED};
    for (int c : checks) {
      t.check(7);
      if (c == 5) {
        t.served(SYN, "a").failed(OEMBED, Outcome.SERVER_ERROR);
      } else {
        t.failed(SYN, noise[c]).failed(OEMBED, noise[(c + 1) % noise.length]);
      }
    }
    assertThat(t.state().state()).isEqualTo(PostState.AVAILABLE);
  }
}
