package org.embedwatch.evidence;

import java.time.Duration;

/**
 * When a post's unavailability counts as confirmed ({@code check.confirm-*}).
 *
 * @param checks the number of unavailable checks needed (at least 1)
 * @param span the least time between the first and the last unavailable observation
 * @param endpoints the number of distinct endpoints that must have said so, where the platform has that many
 */
public record ConfirmationRule(int checks, Duration span, int endpoints) {
  public ConfirmationRule {
    if (checks < 1 || endpoints < 1 || span.isNegative()) {
      throw new IllegalArgumentException("confirmation needs at least 1 check and 1 endpoint over a non-negative"
          + " span, got " + checks + ", " + endpoints + ", " + span);
    }
  }
}
