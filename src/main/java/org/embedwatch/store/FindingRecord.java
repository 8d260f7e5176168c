package org.embedwatch.store;

/** A stored finding. */
public record FindingRecord(long id, NewFinding finding) {}
