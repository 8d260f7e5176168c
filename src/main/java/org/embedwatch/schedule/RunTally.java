package org.embedwatch.schedule;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.embedwatch.capture.CheckResult;
import org.embedwatch.store.SchedulerRuns;

/**
 * The results of the checks a worker's tasks made: counted (checked, captured, flagged, with an unreachable endpoint,
 * failed) and passed on to whoever listens (the {@code check} command prints a line per post). One per process; the
 * tasks run on several threads at once, so every method is thread-safe.
 */
public final class RunTally implements Consumer<CheckResult> {
  private final List<Consumer<CheckResult>> listeners = new CopyOnWriteArrayList<>();
  private int checked;
  private int captured;
  private int flagged;
  private int unreachable;
  private int failed;

  /** Counts of one moment. */
  public record Snapshot(int checked, int captured, int flagged, int unreachable, int failed) {
    /** What was counted between {@code earlier} and this snapshot. */
    public Snapshot since(Snapshot earlier) {
      return new Snapshot(checked - earlier.checked, captured - earlier.captured, flagged - earlier.flagged,
          unreachable - earlier.unreachable, failed - earlier.failed);
    }

    /** The counts a run row keeps. */
    public SchedulerRuns.Counts counts() {
      return new SchedulerRuns.Counts(checked, captured, flagged, failed);
    }
  }

  /** Passes every later result to {@code listener} too, on the thread of the check, until removed. */
  public void listen(Consumer<CheckResult> listener) {
    listeners.add(listener);
  }

  public void stopListening(Consumer<CheckResult> listener) {
    listeners.remove(listener);
  }

  @Override
  public void accept(CheckResult r) {
    synchronized (this) {
      if (r.failed()) {
        failed++;
      } else {
        checked++;
        captured += r.captured() ? 1 : 0;
        flagged += r.state().state().flagged() ? 1 : 0;
        unreachable += r.fetches().stream().anyMatch(f -> !f.outcome().isEvidence()) ? 1 : 0;
      }
    }
    listeners.forEach(l -> l.accept(r));
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(checked, captured, flagged, unreachable, failed);
  }
}
