/**
 * The scheduler's task kinds, run by db-scheduler on the evidence database: polling watches ({@code poll-watch}),
 * archiving the articles they find ({@code archive-article}), re-capturing articles ({@code recapture-article}) and
 * retrying remnants ({@code retry-remnant}). Each task calls the same pipeline as the CLI ({@code Archiver}).
 */
package org.embedwatch.schedule;
