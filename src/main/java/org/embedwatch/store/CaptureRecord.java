package org.embedwatch.store;

import org.embedwatch.evidence.PostCapture;
import java.time.Instant;

/** A stored post capture with its media rows. */
public record CaptureRecord(long id, long postRef, long observationId, Instant capturedAt, PostCapture capture) {}
