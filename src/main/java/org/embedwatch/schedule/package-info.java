/**
 * The persistent scheduler: db-scheduler's tasks in the evidence database ({@code scheduled_tasks}), run by a
 * {@code Worker} (one per process, named by host and pid) either until stopped ({@code daemon}) or until nothing is
 * due ({@code daemon --once}, {@code check}); the {@code check-post} task ({@code CheckPostTask}); the counts of a run
 * ({@code RunTally}) and the daemon's lifecycle ({@code Daemon}).
 */
package org.embedwatch.schedule;
