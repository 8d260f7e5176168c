/**
 * Schedule: the persistent scheduler (db-scheduler, its tasks in the evidence database's {@code scheduled_tasks}
 * table) and its task kinds: checking posts ({@code check-post}), polling watches ({@code poll-watch}), archiving the
 * articles they find ({@code archive-article}), re-capturing articles ({@code recapture-article}), retrying remnants
 * ({@code retry-remnant}) and Wayback lookups ({@code wayback-lookup}). Tasks call the same application layer as the
 * CLI ({@code Archiver}, {@code capture}); {@code capture} never imports this package.
 */
package org.embedwatch.schedule;
