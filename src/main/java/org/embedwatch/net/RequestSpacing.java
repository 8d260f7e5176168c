package org.embedwatch.net;

import java.time.Clock;
import java.time.Duration;
import org.embedwatch.config.Settings;

/**
 * How a host's requests are spread out at its rate ({@code net.rate.<host>}, {@code net.rate.default}): each request
 * takes the host's next turn and waits for it. {@link LocalSpacing} keeps the turns of this process only;
 * {@link SharedSpacing} keeps them in the database, for every worker on it. Implementations are thread-safe.
 */
public interface RequestSpacing {
  /**
   * Takes {@code host}'s next turn at {@code rate} and waits for it.
   *
   * @param host the host, in lower case
   * @param maxWait how long the caller can wait for the turn at most
   * @return whether the turn was taken; {@code false} (nothing taken, nothing waited) when it is further away than
   *     {@code maxWait}
   * @throws InterruptedException if interrupted while waiting (the turn is spent then)
   */
  boolean take(String host, Settings.Rate rate, Duration maxWait) throws InterruptedException;

  /** Turns kept in this process, as {@link LocalSpacing} keeps them. */
  static RequestSpacing local(Clock clock, Sleeper sleeper) {
    return new LocalSpacing(clock, sleeper);
  }
}
