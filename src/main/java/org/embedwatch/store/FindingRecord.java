package org.embedwatch.store;

import org.embedwatch.evidence.Finding;

/** A stored finding. */
public record FindingRecord(long id, Finding finding) {}
