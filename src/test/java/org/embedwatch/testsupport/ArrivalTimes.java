package org.embedwatch.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * When requests reached a server ({@link System#nanoTime()} values, in any order), for measuring the rate clients held
 * together.
 */
public record ArrivalTimes(List<Long> nanos) {
  public ArrivalTimes {
    List<Long> sorted = new ArrayList<>(nanos);
    sorted.sort(null);
    nanos = List.copyOf(sorted);
  }

  /** The most arrivals within any window of {@code millis} milliseconds. */
  public int mostWithin(long millis) {
    long window = TimeUnit.MILLISECONDS.toNanos(millis);
    int most = 0;
    for (int first = 0, last = 0; first < nanos.size(); first++) {
      while (last < nanos.size() && nanos.get(last) - nanos.get(first) < window) {
        last++;
      }
      most = Math.max(most, last - first);
    }
    return most;
  }

  /** Arrivals a second from the first to the last (0 for fewer than two). */
  public double perSecond() {
    if (nanos.size() < 2) {
      return 0;
    }
    return (nanos.size() - 1) * 1e9 / (nanos.get(nanos.size() - 1) - nanos.get(0));
  }
}
