package org.embedwatch.evidence;

import java.time.Instant;

/**
 * A stored link between posts.
 *
 * @param fromPost the row of the post whose content names the other
 * @param toPost the row of the named post, or null when it has none (links of uncited posts are not followed)
 * @param firstSeen when a capture first showed the link
 */
public record LinkRecord(long fromPost, LinkKind kind, Platform toPlatform, String toPostId, String toHandle,
    Long toPost, Instant firstSeen) {}
