package org.embedwatch.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The watches and their {@code poll-watch} tasks: each change of a watch and of its task commits in one transaction,
 * so that no watch is left without its task, nor a task without its watch. A watch is configuration, not evidence:
 * no {@code EvidenceEvent}. Thread-safe.
 */
public final class WatchTable {
  /** The task that polls a watch (instance = the watch id). */
  public static final String POLL_TASK = "poll-watch";
  /** The task that re-captures an article (instance = the article id), scheduled when the article is first stored. */
  public static final String RECAPTURE_TASK = "recapture-article";

  private final Database db;

  public WatchTable(Database db) {
    this.db = db;
  }

  /**
   * What one poll gave.
   *
   * @param kind what the poll found the input to be, or null when it could not tell (the poll failed)
   * @param result one line: what was listed and scheduled, or why the poll failed
   */
  public record Poll(Instant at, Watch.Kind kind, String result, int found, int scheduled) {}

  /** Stores a watch and schedules its poll now. */
  public Watch add(String input, Watch.Kind kind, Duration every, Instant now) {
    return db.inTransaction(c -> {
      long id = WatchRows.insert(c, input, kind, every, now);
      TaskRows.insertIfAbsent(c, POLL_TASK, Long.toString(id), now);
      return WatchRows.find(c, id).orElseThrow();
    });
  }

  public Optional<Watch> find(long id) {
    return db.inTransaction(c -> WatchRows.find(c, id));
  }

  /** Every watch, in the order they were added. */
  public List<Watch> list() {
    return db.inTransaction(WatchRows::all);
  }

  /** Pauses a watch: its task still comes at each turn, and polls nothing while it is paused. */
  public Optional<Watch> pause(long id) {
    return db.inTransaction(c -> WatchRows.setPaused(c, id, true) ? WatchRows.find(c, id) : Optional.empty());
  }

  /**
   * Resumes a watch: when its turn passed while it was paused (or it was never polled), its poll is moved to
   * {@code now}; else it keeps its next turn.
   */
  public Optional<Watch> resume(long id, Instant now) {
    return db.inTransaction(c -> {
      Optional<Watch> w = WatchRows.find(c, id);
      if (w.isEmpty()) {
        return w;
      }
      WatchRows.setPaused(c, id, false);
      Watch watch = w.get();
      boolean missed = watch.lastPolledAt() == null || !watch.lastPolledAt().plus(watch.every()).isAfter(now);
      String instance = Long.toString(id);
      if (missed && !TaskRows.moveIfIdle(c, POLL_TASK, instance, now)) {
        TaskRows.insertIfAbsent(c, POLL_TASK, instance, now);
      } else if (!missed) {
        TaskRows.insertIfAbsent(c, POLL_TASK, instance, watch.lastPolledAt().plus(watch.every()));
      }
      return WatchRows.find(c, id);
    });
  }

  /** Removes a watch and its task (a poll running now removes its task when it ends); the articles it found stay. */
  public boolean remove(long id) {
    return db.inTransaction(c -> {
      TaskRows.deleteIfIdle(c, POLL_TASK, Long.toString(id));
      return WatchRows.delete(c, id);
    });
  }

  /** Records what a poll of watch {@code id} gave (nothing when the watch was removed meanwhile). */
  public void polled(long id, Poll poll) {
    db.inTransaction(c -> {
      WatchRows.polled(c, id, poll);
      return null;
    });
  }
}
