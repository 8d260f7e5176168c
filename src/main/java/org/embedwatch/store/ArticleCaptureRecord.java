package org.embedwatch.store;

/** A stored article capture with its row ids. */
public record ArticleCaptureRecord(long id, long articleId, NewArticleCapture capture) {}
