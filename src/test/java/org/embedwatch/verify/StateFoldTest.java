package org.embedwatch.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.embedwatch.Outcome;
import org.embedwatch.PostState;
import org.embedwatch.UnavailableReason;
import org.embedwatch.store.EvidenceStore.DerivedState;
import org.embedwatch.store.NewObservation;
import org.junit.jupiter.api.Test;

class StateFoldTest {
  private final StateFold fold = new StateFold();
  private int minute;

  private NewObservation obs(String endpoint, Outcome outcome, UnavailableReason reason, String fingerprint) {
    return new NewObservation(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute++), endpoint,
        "https://example/" + endpoint, 200, outcome, reason, null, null, fingerprint, null);
  }

  private NewObservation available(String fingerprint) {
    return obs("x-syndication", Outcome.AVAILABLE, null, fingerprint);
  }

  @Test
  void noObservationsIsPending() {
    assertThat(fold.fold(List.of())).isEqualTo(new DerivedState(PostState.PENDING, null));
  }

  @Test
  void onlyInconclusiveObservationsIsUnreachable() {
    assertThat(fold.fold(List.of(obs("x-syndication", Outcome.SERVER_ERROR, null, null),
        obs("x-syndication", Outcome.RATE_LIMITED, null, null),
        obs("x-syndication", Outcome.TRANSPORT_ERROR, null, null))))
        .isEqualTo(new DerivedState(PostState.UNREACHABLE, null));
  }

  @Test
  void inconclusiveObservationsNeverChangeAConclusiveState() {
    for (Outcome noise : List.of(Outcome.SERVER_ERROR, Outcome.RATE_LIMITED, Outcome.TRANSPORT_ERROR,
        Outcome.REFUSED, Outcome.UNEXPECTED)) {
      assertThat(fold.fold(List.of(available("a"), obs("x-syndication", noise, null, null))))
          .isEqualTo(new DerivedState(PostState.AVAILABLE, null));
      assertThat(fold.fold(List.of(available("a"), obs("x-syndication", Outcome.UNAVAILABLE,
          UnavailableReason.DELETED, null), obs("x-syndication", noise, null, null))))
          .isEqualTo(new DerivedState(PostState.UNAVAILABLE, UnavailableReason.DELETED));
    }
  }

  @Test
  void waybackObservationsNeverDecideTheState() {
    // A memento list (AVAILABLE: captures listed; NOT_FOUND: none) is about the post's past, not its availability now.
    assertThat(fold.fold(List.of(obs("wayback-cdx", Outcome.AVAILABLE, null, null))))
        .isEqualTo(new DerivedState(PostState.PENDING, null));
    assertThat(fold.fold(List.of(available("a"), obs("wayback-cdx", Outcome.NOT_FOUND, null, null),
        obs("wayback-available", Outcome.NOT_FOUND, null, null))))
        .isEqualTo(new DerivedState(PostState.AVAILABLE, null));
    assertThat(fold.fold(List.of(obs("x-syndication", Outcome.UNAVAILABLE, UnavailableReason.DELETED, null),
        obs("wayback-cdx", Outcome.AVAILABLE, null, null))))
        .isEqualTo(new DerivedState(PostState.UNAVAILABLE, UnavailableReason.DELETED));
    assertThat(fold.fold(List.of(obs("x-syndication", Outcome.SERVER_ERROR, null, null),
        obs("wayback-cdx", Outcome.AVAILABLE, null, null))))
        .isEqualTo(new DerivedState(PostState.UNREACHABLE, null));
  }

  @Test
  void differentFingerprintFromTheFirstCaptureIsAltered() {
    assertThat(fold.fold(List.of(available("a"), available("b"))))
        .isEqualTo(new DerivedState(PostState.ALTERED, null));
    assertThat(fold.fold(List.of(available("a"), available("b"), available("a"))))
        .isEqualTo(new DerivedState(PostState.AVAILABLE, null));
  }

  @Test
  void fingerprintsAreComparedPerEndpoint() {
    assertThat(fold.fold(List.of(available("a"), obs("x-v1.1", Outcome.AVAILABLE, null, "other-shape"))))
        .isEqualTo(new DerivedState(PostState.AVAILABLE, null));
  }

  @Test
  void notFoundIsUnavailableForAnUnknownReasonAndReappearanceIsAvailable() {
    assertThat(fold.fold(List.of(available("a"), obs("x-syndication", Outcome.NOT_FOUND, null, null))))
        .isEqualTo(new DerivedState(PostState.UNAVAILABLE, UnavailableReason.UNKNOWN));
    assertThat(fold.fold(List.of(available("a"), obs("x-syndication", Outcome.NOT_FOUND, null, null),
        available("a")))).isEqualTo(new DerivedState(PostState.AVAILABLE, null));
  }

  @Test
  void aBareNotFoundFromASecondEndpointKeepsTheReasonTheFirstGave() {
    assertThat(fold.fold(List.of(available("a"), obs("x-oembed", Outcome.AVAILABLE, null, "o"),
        obs("x-syndication", Outcome.UNAVAILABLE, UnavailableReason.DELETED, null),
        obs("x-oembed", Outcome.NOT_FOUND, UnavailableReason.UNKNOWN, null))))
        .isEqualTo(new DerivedState(PostState.UNAVAILABLE, UnavailableReason.DELETED));
  }

  @Test
  void aReasonGivenBeforeThePostWasServedAgainIsForgotten() {
    assertThat(fold.fold(List.of(obs("x-syndication", Outcome.UNAVAILABLE, UnavailableReason.DELETED, null),
        available("a"), obs("x-oembed", Outcome.NOT_FOUND, UnavailableReason.UNKNOWN, null))))
        .isEqualTo(new DerivedState(PostState.UNAVAILABLE, UnavailableReason.UNKNOWN));
  }

  @Test
  void aSecondEndpointFailingWhileTheFirstServesLeavesThePostAvailable() {
    assertThat(fold.fold(List.of(available("a"), obs("x-oembed", Outcome.SERVER_ERROR, null, null))))
        .isEqualTo(new DerivedState(PostState.AVAILABLE, null));
  }

  @Test
  void anyEndpointServingChangedContentIsAltered() {
    assertThat(fold.fold(List.of(available("a"), obs("x-oembed", Outcome.AVAILABLE, null, "o1"),
        available("b"), obs("x-oembed", Outcome.AVAILABLE, null, "o1"))))
        .isEqualTo(new DerivedState(PostState.ALTERED, null));
    assertThat(fold.fold(List.of(available("a"), obs("x-oembed", Outcome.AVAILABLE, null, "o1"),
        available("a"), obs("x-oembed", Outcome.AVAILABLE, null, "o2"))))
        .isEqualTo(new DerivedState(PostState.ALTERED, null));
  }
}
