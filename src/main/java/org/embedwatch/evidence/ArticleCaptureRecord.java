package org.embedwatch.evidence;

/** A stored article capture with its row ids. */
public record ArticleCaptureRecord(long id, long articleId, CapturedArticle capture) {}
