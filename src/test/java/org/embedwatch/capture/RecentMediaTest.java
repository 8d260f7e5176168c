package org.embedwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.embedwatch.evidence.Media;
import org.embedwatch.evidence.MediaKind;
import org.embedwatch.evidence.MediaOutcome;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.sandbox.MutableClock;
import org.junit.jupiter.api.Test;

/** The per-run media cache: one fetch per URL while it stands, never a failed or vanished one, never past an hour. */
class RecentMediaTest {
  private static final String AVATAR = "https://pbs.twimg.com/profile_images/1/a.jpg";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final Set<Sha256> onDisk = new HashSet<>();
  private final RecentMedia recent = new RecentMedia(clock, m -> onDisk.contains(m.sha256()));
  private final AtomicInteger fetches = new AtomicInteger();

  private Supplier<Media> stored(String bytes) {
    return () -> {
      fetches.incrementAndGet();
      Sha256 sha = Sha256.of(bytes.getBytes(StandardCharsets.UTF_8));
      onDisk.add(sha);
      return new Media(MediaKind.AVATAR, AVATAR, MediaOutcome.STORED, sha, "image/jpeg", bytes.length(),
          "media/" + sha.hex(), null);
    };
  }

  private Supplier<Media> failed() {
    return () -> {
      fetches.incrementAndGet();
      return new Media(MediaKind.AVATAR, AVATAR, MediaOutcome.httpError(503), null, null, 0, null, null);
    };
  }

  @Test
  void aStoredUrlIsFetchedOnceWithinTheHourAndAgainAfter() {
    Media first = recent.fetchOnce(AVATAR, stored("one"));
    clock.advance(Duration.ofMinutes(59));
    Media again = recent.fetchOnce(AVATAR, stored("two"));

    assertThat(fetches).hasValue(1);
    assertThat(again).isEqualTo(first);

    clock.advance(Duration.ofMinutes(2));
    Media later = recent.fetchOnce(AVATAR, stored("two"));
    assertThat(fetches).hasValue(2);
    assertThat(later.sha256()).isNotEqualTo(first.sha256());
  }

  @Test
  void aFailedFetchIsNotKeptAndAVanishedBlobIsFetchedAgain() {
    assertThat(recent.fetchOnce(AVATAR, failed()).outcome().kind()).isNotEqualTo(MediaOutcome.Kind.STORED);
    Media stored = recent.fetchOnce(AVATAR, stored("one"));
    assertThat(fetches).hasValue(2);

    onDisk.remove(stored.sha256());
    recent.fetchOnce(AVATAR, stored("one"));
    assertThat(fetches).hasValue(3);
  }

  @Test
  void aFetchThatThrowsIsTheCallersAndNothingIsKept() {
    assertThatThrownBy(() -> recent.fetchOnce(AVATAR, () -> {
      throw new IllegalStateException("disk full");
    })).hasMessage("disk full");

    recent.fetchOnce(AVATAR, stored("one"));
    assertThat(fetches).hasValue(1);
  }
}
