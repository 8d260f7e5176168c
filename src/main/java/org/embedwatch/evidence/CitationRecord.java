package org.embedwatch.evidence;

import org.embedwatch.extract.Reference;

/**
 * A stored reference of one article capture, with the post row it points at (null for an unresolved remnant).
 */
public record CitationRecord(long id, long articleCaptureId, Long postRef, Reference reference) {}
