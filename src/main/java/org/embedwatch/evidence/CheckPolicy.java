package org.embedwatch.evidence;

import java.util.List;
import java.util.Objects;

/**
 * The policy that judged one check, stored with it so its conclusion can be re-derived from stored evidence after the
 * configuration changes: the confirmation rule and the live endpoints the post's platform had.
 *
 * @param endpoints the names of the endpoints asked, in order (the post's platform's live endpoints then)
 * @param cadence the cadence step that set the check after this one ({@code cadence +PT6H},
 *     {@code confirmation every PT12H}, {@code retry after PT10M (1 check reached no endpoint)}; see {@link Cadence});
 *     before the decay cadence, {@code interval PT24H}
 * @param refetchPhotos whether an unchanged post's photos were fetched again ({@code check.refetch-photos})
 */
public record CheckPolicy(ConfirmationRule confirmation, List<String> endpoints, String cadence,
    boolean refetchPhotos) {
  public CheckPolicy {
    Objects.requireNonNull(confirmation, "confirmation");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(cadence, "cadence");
  }

  /** The same policy for a platform with {@code names} as its live endpoints. */
  public CheckPolicy withEndpoints(List<String> names) {
    return new CheckPolicy(confirmation, names, cadence, refetchPhotos);
  }

  /** The same policy with {@code step} as the cadence step that set the next check. */
  public CheckPolicy withCadence(String step) {
    return new CheckPolicy(confirmation, endpoints, step, refetchPhotos);
  }

  /** One line: {@code 3 checks over PT24H via 2 endpoints; asked x-syndication, x-oembed}. */
  public String describe() {
    return confirmation.checks() + " checks over " + confirmation.span() + " via " + confirmation.endpoints()
        + " endpoints; asked " + (endpoints.isEmpty() ? "none" : String.join(", ", endpoints));
  }
}
