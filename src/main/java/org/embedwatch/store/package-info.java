/**
 * The store: the database (H2 or PostgreSQL) migrated with Flyway, the records read from it, and
 * {@code EvidenceStore}, the single write path through which every stored fact goes.
 */
package org.embedwatch.store;
