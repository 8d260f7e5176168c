package org.embedwatch.platform.wayback;

import java.util.Objects;

/** The Wayback Machine's three clients a post's corroboration uses: CDX, the availability API and memento replay. */
public record WaybackClients(CdxClient cdx, AvailabilityClient availability, MementoClient replay) {
  public WaybackClients {
    Objects.requireNonNull(cdx, "cdx");
    Objects.requireNonNull(availability, "availability");
    Objects.requireNonNull(replay, "replay");
  }
}
