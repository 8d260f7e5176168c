package org.embedwatch.store;

import java.time.Instant;
import org.embedwatch.archive.WarcLocation;

/**
 * A stored memento: when it was first listed, and the observation and WARC record of the exchange that listed it.
 */
public record MementoRecord(long id, long postRef, NewMemento memento, Instant foundAt, long observationId,
    WarcLocation warc) {}
