package org.embedwatch.store;

import java.time.Instant;
import org.embedwatch.evidence.PostState;
import org.embedwatch.evidence.UnavailableReason;

/**
 * A state transition of a post, with the observation that caused it.
 *
 * @param reason the unavailability reason, or null
 */
public record StateChange(PostState state, UnavailableReason reason, Instant since, long observationId) {}
