package org.embedwatch.evidence;

import java.time.Instant;

/**
 * A stored memento: when it was first listed, and the observation and WARC record of the exchange that listed it.
 */
public record MementoRecord(long id, long postRef, MementoListing memento, Instant foundAt, long observationId,
    WarcLocation warc) {}
