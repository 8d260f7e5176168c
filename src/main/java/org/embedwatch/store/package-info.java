/**
 * The store: the database (H2 or PostgreSQL) migrated with Flyway, the readers, and {@code EvidenceStore}, the
 * single write path: each {@code record} call stores one {@code evidence.EvidenceEvent} in one transaction, through
 * package-private row classes that hold the SQL.
 */
package org.embedwatch.store;
