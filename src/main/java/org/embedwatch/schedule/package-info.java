/**
 * Schedule: the persistent scheduler's task kinds (db-scheduler, in the evidence database's {@code scheduled_tasks}
 * table). Tasks call the application layer ({@code capture}); {@code capture} never imports this package.
 */
package org.embedwatch.schedule;
