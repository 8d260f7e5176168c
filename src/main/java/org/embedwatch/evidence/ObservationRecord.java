package org.embedwatch.evidence;


/** A stored observation: its row id, the post it belongs to, and what was observed. */
public record ObservationRecord(long id, long postRef, Observation observation) {}
