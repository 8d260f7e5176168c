package org.embedwatch.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MediaOutcomeTest {
  @Test
  void everyOutcomeReadsBackFromItsStoredForm() {
    for (MediaOutcome o : new MediaOutcome[] {MediaOutcome.STORED, MediaOutcome.httpError(404),
        MediaOutcome.tooLarge(536870912), MediaOutcome.of(MediaOutcome.Kind.RATE_LIMITED),
        MediaOutcome.of(MediaOutcome.Kind.TRANSPORT_ERROR), MediaOutcome.of(MediaOutcome.Kind.BAD_URL),
        MediaOutcome.of(MediaOutcome.Kind.NOT_HTTP)}) {
      assertThat(MediaOutcome.parse(o.key())).isEqualTo(o);
    }
    // The forms archives stored before the outcome was typed.
    assertThat(MediaOutcome.parse("too-large (limit 100 bytes)")).isEqualTo(MediaOutcome.tooLarge(100));
    assertThat(MediaOutcome.parse("transport-error").kind()).isEqualTo(MediaOutcome.Kind.TRANSPORT_ERROR);
  }

  @Test
  void aStatusGoesWithAnHttpErrorOnly() {
    assertThatThrownBy(() -> new MediaOutcome(MediaOutcome.Kind.STORED, 404, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MediaOutcome.parse("gone")).hasMessageContaining("not a media outcome: 'gone'");
  }
}
