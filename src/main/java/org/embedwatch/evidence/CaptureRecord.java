package org.embedwatch.evidence;

import java.time.Instant;

/** A stored post capture with its media rows. */
public record CaptureRecord(long id, long postRef, long observationId, Instant capturedAt, PostCapture capture) {}
