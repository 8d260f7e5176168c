package org.embedwatch.archive;

import org.embedwatch.evidence.WarcLocation;

/** Where HTTP exchanges are recorded. {@link WarcArchive} is the real one; {@link #none()} records nothing. */
public interface ExchangeRecorder {
  /** Records the exchange and returns where it was written, or null when it was not written. */
  WarcLocation write(HttpExchangeRecord exchange);

  /** A recorder that keeps nothing: for commands that must not store anything ({@code extract}). */
  static ExchangeRecorder none() {
    return exchange -> null;
  }
}
