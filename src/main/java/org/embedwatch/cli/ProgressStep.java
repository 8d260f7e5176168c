package org.embedwatch.cli;

/**
 * Where a long run stands: {@code done} of {@code total} units, and a note of what they gave so far.
 *
 * @param total what the run knows it has to do (it may grow: an expanded feed, a quoted post found); never below
 *     {@code done}
 * @param note the counts behind the step, such as {@code 3 flagged, 0 failed}
 */
record ProgressStep(long done, long total, String note) {
  ProgressStep {
    if (done < 0) {
      throw new IllegalArgumentException("done must not be negative: " + done);
    }
    total = Math.max(total, done);
  }
}
