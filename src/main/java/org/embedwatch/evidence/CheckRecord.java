package org.embedwatch.evidence;

import java.time.Instant;

/**
 * A stored check of a post: its number, key and time, the policy that judged it, the state it concluded and when the
 * post was next due. Its observations carry its number.
 *
 * @param reason the unavailability reason it concluded, or null
 */
public record CheckRecord(long id, long postRef, int number, String key, Instant at, CheckPolicy policy,
    PostState state, UnavailableReason reason, Instant nextDue) {}
