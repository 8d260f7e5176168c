package org.embedwatch.evidence;


/** A stored finding. */
public record FindingRecord(long id, Finding finding) {}
