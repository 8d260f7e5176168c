package org.embedwatch.evidence;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The policy that judged one check, stored with it so its conclusion can be re-derived from stored evidence after the
 * configuration changes: the confirmation rule and the live endpoints the post's platform had.
 *
 * @param endpoints the names of the endpoints asked, in order (the post's platform's live endpoints then)
 * @param interval the time from this check to the next ({@code check.interval})
 * @param refetchPhotos whether an unchanged post's photos were fetched again ({@code check.refetch-photos})
 */
public record CheckPolicy(ConfirmationRule confirmation, List<String> endpoints, Duration interval,
    boolean refetchPhotos) {
  public CheckPolicy {
    Objects.requireNonNull(confirmation, "confirmation");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(interval, "interval");
  }

  /** The same policy for a platform with {@code names} as its live endpoints. */
  public CheckPolicy withEndpoints(List<String> names) {
    return new CheckPolicy(confirmation, names, interval, refetchPhotos);
  }

  /** One line: {@code 3 checks over PT24H via 2 endpoints; asked x-syndication, x-oembed}. */
  public String describe() {
    return confirmation.checks() + " checks over " + confirmation.span() + " via " + confirmation.endpoints()
        + " endpoints; asked " + (endpoints.isEmpty() ? "none" : String.join(", ", endpoints));
  }
}
