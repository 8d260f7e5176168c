package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.embedwatch.sandbox.MutableClock;
import org.junit.jupiter.api.Test;

/** The plain progress lines: their wording, the time left, and when one is written (on a clock the test moves). */
class ProgressLinesTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final StringWriter err = new StringWriter();
  private final ProgressLines lines = new ProgressLines("checked", "posts", clock, new PrintWriter(err, true));

  private List<String> written() {
    return err.toString().lines().toList();
  }

  private void step(long done, long total, Duration after) {
    clock.advance(after);
    lines.update(new ProgressStep(done, total, "3 flagged, 0 failed"));
  }

  @Test
  void aLineSaysTheCountsTheNoteAndTheTimeLeftAtTheRateSoFar() {
    assertThat(lines.line(new ProgressStep(120, 1000, "3 flagged, 0 failed"), Duration.ofSeconds(36)))
        .isEqualTo("checked 120 of 1000 posts (3 flagged, 0 failed), about 5 min left");
    assertThat(lines.line(new ProgressStep(500, 1000, "3 flagged, 0 failed"), Duration.ofSeconds(40)))
        .isEqualTo("checked 500 of 1000 posts (3 flagged, 0 failed), about 40 s left");
    assertThat(lines.line(new ProgressStep(0, 1000, ""), Duration.ofSeconds(40))).isEqualTo("checked 0 of 1000 posts");
    assertThat(lines.line(new ProgressStep(1000, 1000, "none"), Duration.ofSeconds(40)))
        .isEqualTo("checked 1000 of 1000 posts (none)");
  }

  @Test
  void timeLeftIsRoundedUpInTheUnitThatReadsWell() {
    assertThat(ProgressLines.about(Duration.ofMillis(200))).isEqualTo("1 s");
    assertThat(ProgressLines.about(Duration.ofMillis(59_500))).isEqualTo("1 min");
    assertThat(ProgressLines.about(Duration.ofSeconds(61))).isEqualTo("2 min");
    assertThat(ProgressLines.about(Duration.ofMinutes(89))).isEqualTo("89 min");
    assertThat(ProgressLines.about(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
  }

  @Test
  void aTotalThatGrowsPastWhatIsDoneIsNeverBelowIt() {
    assertThat(new ProgressStep(12, 10, "").total()).isEqualTo(12);
  }

  @Test
  void aLineComesAtEachFurtherTenthButNotSoonerThanFiveSecondsAfterThePrevious() {
    step(50, 1000, Duration.ofSeconds(1)); // under a tenth
    step(100, 1000, Duration.ofSeconds(3)); // a tenth, 4 s after the start: too soon
    assertThat(written()).isEmpty();
    step(110, 1000, Duration.ofSeconds(1)); // 5 s after the start, the tenth not told yet
    assertThat(written()).containsExactly("checked 110 of 1000 posts (3 flagged, 0 failed), about 41 s left");
    step(150, 1000, Duration.ofSeconds(10)); // no further tenth
    step(199, 1000, Duration.ofSeconds(10));
    assertThat(written()).hasSize(1);
    step(200, 1000, Duration.ofSeconds(1));
    assertThat(written()).hasSize(2).last().asString().startsWith("checked 200 of 1000 posts");
    step(900, 1000, Duration.ofSeconds(1)); // seven tenths further, but 1 s after the line
    assertThat(written()).hasSize(2);
  }

  @Test
  void aRunThatStallsBetweenTenthsStillGetsALineAMinuteAfterThePrevious() {
    step(100, 1000, Duration.ofSeconds(6));
    step(101, 1000, Duration.ofSeconds(59));
    assertThat(written()).hasSize(1);
    step(102, 1000, Duration.ofSeconds(1)); // 66 s for 102: 898 more take 581 s
    assertThat(written()).hasSize(2).last().asString()
        .isEqualTo("checked 102 of 1000 posts (3 flagged, 0 failed), about 10 min left");
  }

  @Test
  void aRunShorterThanTheFirstGapWritesNothing() {
    for (int done = 1; done <= 10; done++) {
      step(done, 10, Duration.ofMillis(400));
    }
    assertThat(written()).isEmpty();
  }
}
