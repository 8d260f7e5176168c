package org.embedwatch.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.embedwatch.store.AlertRows;
import org.embedwatch.store.StoredAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim-and-record discipline every sink follows: claim a delivery in the database before sending it, then record
 * it delivered, or failed with its retry time, or given up (with a WARN). Thread-safe.
 *
 * @param worker who claims, stored with each claim (process id and a random part; nothing about the machine)
 */
record Deliveries(AlertRows rows, Backoff backoff, String worker) {
  private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

  Optional<AlertRows.Claim> claim(String sink, StoredAlert alert, Instant now, Duration lease) {
    return rows.claim(sink, alert, now, lease, worker);
  }

  void delivered(AlertRows.Claim claim, Instant now) {
    rows.delivered(claim, now);
  }

  /**
   * Records a failed attempt.
   *
   * @param error one line, never a secret
   * @return true when the alert is given up
   */
  boolean failed(AlertRows.Claim claim, String target, Instant now, String error) {
    Optional<Instant> retry = backoff.retryAt(claim.attempt(), now);
    rows.failed(claim, now, error, retry);
    if (retry.isEmpty()) {
      log.warn("alert {} to {} {} given up after {} attempts: {}", claim.alertId(), claim.sink(), target,
          claim.attempt(), error);
      return true;
    }
    log.warn("alert {} to {} {} failed (attempt {} of {}), tried again at {}: {}", claim.alertId(), claim.sink(),
        target, claim.attempt(), backoff.maxAttempts(), retry.get(), error);
    return false;
  }

  /** Records the claim given up at once, for {@code why} (one line). */
  void givenUp(AlertRows.Claim claim, Instant now, String why) {
    rows.failed(claim, now, why, Optional.empty());
  }
}
