/**
 * Capture: checking posts. {@code CheckRunner} runs checks (batches, rounds, an injected executor, one post's failure
 * isolated from the others); {@code CheckPipeline} is one check as a list of steps: read the post's stored evidence,
 * ask every endpoint once ({@code PostObserver}, with {@code Observations} the one mapping from an answer to an
 * observation and {@code MediaFetcher} for media, each URL once per run through {@code RecentMedia}), fold the state
 * once, derive the findings, record the whole check as one event in one transaction, then ask web archives where
 * useful ({@code WaybackCorroboration}: at the check that first finds a post gone, else through a lookup queued for
 * later in a {@code WaybackQueue}, which the scheduler implements).
 */
package org.embedwatch.capture;
