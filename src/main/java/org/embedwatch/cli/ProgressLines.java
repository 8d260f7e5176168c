package org.embedwatch.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress as plain lines on stderr, for a run whose stderr is not a terminal (CI, a pipe, cron):
 * {@code checked 120 of 1000 posts (3 flagged, 0 failed), about 4 min left}. A line is written when the run reaches
 * a further tenth of its total, but never sooner than {@link #MIN_GAP} after the previous line (or the start), and at
 * the next step once {@link #MAX_GAP} has passed without one; so a run shorter than {@link #MIN_GAP} writes none.
 * Time is the application's clock. Not thread-safe: the run's own thread updates it.
 */
final class ProgressLines implements Progress {
  static final Duration MIN_GAP = Duration.ofSeconds(5);
  static final Duration MAX_GAP = Duration.ofSeconds(60);

  private final String verb;
  private final String unit;
  private final Clock clock;
  private final PrintWriter err;
  private final Instant start;
  private Instant last;
  private long lastTenth;

  /**
   * @param verb what is done to each unit, in the past tense ({@code checked})
   * @param unit the units, plural ({@code posts})
   */
  ProgressLines(String verb, String unit, Clock clock, PrintWriter err) {
    this.verb = verb;
    this.unit = unit;
    this.clock = clock;
    this.err = err;
    this.start = clock.instant();
    this.last = start;
  }

  @Override
  public void update(ProgressStep step) {
    Instant now = clock.instant();
    Duration since = Duration.between(last, now);
    long tenth = step.total() == 0 ? 0 : step.done() * 10 / step.total();
    boolean further = tenth > lastTenth;
    if (since.compareTo(MIN_GAP) >= 0 && (further || since.compareTo(MAX_GAP) >= 0)) {
      err.println(line(step, Duration.between(start, now)));
      err.flush();
      last = now;
      lastTenth = tenth;
    }
  }

  /** {@code checked 120 of 1000 posts (3 flagged, 0 failed), about 4 min left} after {@code elapsed}. */
  String line(ProgressStep step, Duration elapsed) {
    StringBuilder sb = new StringBuilder(verb).append(' ').append(step.done()).append(" of ").append(step.total())
        .append(' ').append(unit);
    if (!step.note().isEmpty()) {
      sb.append(" (").append(step.note()).append(')');
    }
    if (step.done() > 0 && step.done() < step.total()) {
      Duration left = elapsed.multipliedBy(step.total() - step.done()).dividedBy(step.done());
      sb.append(", about ").append(about(left)).append(" left");
    }
    return sb.toString();
  }

  /** {@code 40 s}, {@code 4 min}, {@code 2 h 5 min}: rounded up, in the largest unit that reads well. */
  static String about(Duration d) {
    long seconds = Math.max(1, d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0));
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = (seconds + 59) / 60;
    return minutes < 90 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
  }

  @Override
  public void close() {
    err.flush();
  }
}
