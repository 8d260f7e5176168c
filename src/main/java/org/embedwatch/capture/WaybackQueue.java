package org.embedwatch.capture;

import java.time.Instant;
import java.util.List;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.platform.wayback.UrlForm;

/**
 * Where a check leaves the Wayback lookups of an available post for later: the persistent scheduler's low-priority
 * {@code wayback-lookup} tasks (implemented outside this package, wired by the composition root). Each lookup runs
 * through {@link WaybackCorroboration#lookUp}.
 */
public interface WaybackQueue {
  /**
   * Queues a lookup of {@code post} in each of {@code forms}, due at {@code at}; a lookup already queued is left as it
   * is (so calling it again is harmless).
   */
  void lookUpLater(PostRecord post, List<UrlForm> forms, Instant at);
}
