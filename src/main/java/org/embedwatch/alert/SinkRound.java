package org.embedwatch.alert;

/**
 * What one delivery round did for one sink.
 *
 * @param sink the sink's name ({@code webhook}, {@code atom})
 * @param target where it delivers, safe to print (the webhook URL without user info or query, the feed file)
 * @param delivered alerts delivered in this round
 * @param failed attempts that failed in this round and will be tried again
 * @param givenUp alerts given up in this round
 * @param pending the sink's alerts neither delivered nor given up after the round (those failed included)
 */
public record SinkRound(String sink, String target, int delivered, int failed, int givenUp, long pending) {}
