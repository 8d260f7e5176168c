package org.embedwatch.evidence;

import java.time.Instant;

/**
 * A post row: identity plus the cached current state (always recomputable from its observations).
 *
 * @param reason the unavailability reason, or null
 * @param stateSince when the current state began, or null while pending
 * @param lastCheckedAt the last observation time, or null
 * @param stateEvidence the current state in observations, one paragraph, or null before the first check
 */
public record PostRecord(
    long id,
    Platform platform,
    String postId,
    String handle,
    String url,
    Instant firstSeen,
    PostState state,
    UnavailableReason reason,
    Instant stateSince,
    Instant lastCheckedAt,
    Instant nextCheckAt,
    String stateEvidence) {}
