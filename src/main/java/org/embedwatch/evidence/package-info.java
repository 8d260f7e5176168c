/**
 * The shared vocabulary and the evidence model: platforms, states, outcomes, observations, captures, findings, the
 * {@link org.embedwatch.evidence.Check} of one post and the sealed {@link org.embedwatch.evidence.EvidenceEvent} family
 * that the store records, one per transaction. Pure values: no JDBC, no HTTP.
 */
package org.embedwatch.evidence;
