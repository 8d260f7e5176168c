package org.embedwatch.evidence;

import java.time.Instant;

/**
 * A state transition of a post, with the observation that caused it.
 *
 * @param reason the unavailability reason, or null
 */
public record StateChange(PostState state, UnavailableReason reason, Instant since, long observationId) {}
