package org.embedwatch.alert;

import java.time.Instant;
import org.embedwatch.store.AlertRows;

/** A place alerts are delivered to; each delivers the alerts due for it, claiming each before it sends it. */
sealed interface AlertSink permits WebhookSink, AtomFeedSink {
  /** The sink's name in the database and the output: {@code webhook}, {@code atom}. */
  String name();

  /** Where it delivers, safe to print and log. */
  String target();

  /** Delivers what is due for {@code sink} at {@code now}: new alerts, and failed ones whose retry is due. */
  SinkRound deliver(AlertRows.Sink sink, Instant now);
}
