package org.embedwatch.alert;

import java.util.List;

/**
 * What one delivery round did, summed over the sinks, and per sink.
 *
 * @param delivered alerts delivered in this round
 * @param failed attempts that failed and will be tried again
 * @param pending alerts neither delivered nor given up after the round
 * @param givenUp alerts given up in this round
 */
public record DeliverySummary(int delivered, int failed, long pending, int givenUp, List<SinkRound> sinks) {
  public DeliverySummary {
    sinks = List.copyOf(sinks);
  }

  static DeliverySummary of(List<SinkRound> sinks) {
    return new DeliverySummary(sinks.stream().mapToInt(SinkRound::delivered).sum(),
        sinks.stream().mapToInt(SinkRound::failed).sum(), sinks.stream().mapToLong(SinkRound::pending).sum(),
        sinks.stream().mapToInt(SinkRound::givenUp).sum(), sinks);
  }
}
