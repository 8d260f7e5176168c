package org.embedwatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.embedwatch.schedule.Daemon;
import org.embedwatch.store.AlertRows;
import org.embedwatch.store.Database;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.store.ScheduledTasks;
import org.embedwatch.store.SchedulerRuns;

/** The stored evidence, opened for reading; closing it closes the database. */
public final class ReadOnlyEvidence implements AutoCloseable {
  private final Database db;
  private final EvidenceReader evidence;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  ReadOnlyEvidence(Database db, Clock clock) {
    this.db = db;
    this.evidence = new EvidenceReader(db);
    this.clock = clock;
  }

  public EvidenceReader evidence() {
    return evidence;
  }

  /** The scheduler's executions and recorded runs, read only. */
  public Daemon.Reads schedule() {
    return new Daemon.Reads(new ScheduledTasks(db), new SchedulerRuns(db));
  }

  public Clock clock() {
    return clock;
  }

  public ObjectMapper json() {
    return json;
  }

  /** The alerts and their deliveries, for {@code alerts list}. */
  public AlertRows alerts() {
    return new AlertRows(db);
  }

  @Override
  public void close() {
    db.close();
  }
}
