package org.embedwatch.platform.wayback;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.net.Fetch;

/**
 * What one Wayback request answered: mementos found, none found, or nothing learnt. Stored as an observation whose
 * outcome says what the archive answered ({@code AVAILABLE}: it lists captures; {@code NOT_FOUND}: it lists none);
 * never read as the post's current state.
 */
public sealed interface WaybackAnswer {
  /** The stored endpoint name ({@code wayback-cdx}, {@code wayback-available}). */
  String endpoint();

  Fetch fetch();

  Outcome outcome();

  String detail();

  /** The archive listed captures. */
  record Found(String endpoint, Fetch.Response fetch, List<Memento> mementos, String detail)
      implements WaybackAnswer {
    public Found {
      mementos = List.copyOf(mementos);
    }

    @Override
    public Outcome outcome() {
      return Outcome.AVAILABLE;
    }
  }

  /** The archive answered and listed no capture. */
  record NoneFound(String endpoint, Fetch.Response fetch, String detail) implements WaybackAnswer {
    @Override
    public Outcome outcome() {
      return Outcome.NOT_FOUND;
    }
  }

  /** Blocked, rate limited, 5xx, transport error or a body we do not understand: nothing learnt. */
  record Inconclusive(String endpoint, Fetch fetch, Outcome outcome, String detail) implements WaybackAnswer {
    public Inconclusive {
      if (outcome.isEvidence()) {
        throw new IllegalArgumentException("an inconclusive answer cannot have outcome " + outcome);
      }
    }
  }

  /**
   * The inconclusive answer a failure or a non-200 response gives (platform-protocols §5.1): 403 is a refusal (a
   * blocked or robots-excluded site), 429 rate limited (IA sends no Retry-After), 5xx a server error; any other status
   * or a truncated body is unexpected. Empty for a complete 200.
   */
  static Optional<Inconclusive> unless200(String endpoint, Fetch fetch) {
    if (fetch instanceof Fetch.Failure f) {
      // A request not sent because an earlier 429 parked the host is rate limited, not a transport error.
      return Optional.of(new Inconclusive(endpoint, f,
          f.kind() == Fetch.Kind.RATE_LIMITED ? Outcome.RATE_LIMITED : Outcome.TRANSPORT_ERROR,
          f.kind().name().toLowerCase(Locale.ROOT) + ": " + f.message()));
    }
    Fetch.Response r = (Fetch.Response) fetch;
    int status = r.status();
    String http = "HTTP " + status + " " + snippet(r);
    if (status == 403) {
      String body = new String(r.body(), StandardCharsets.UTF_8);
      String why = body.contains("AdministrativeAccessControlException") ? "blocked site"
          : body.contains("RobotAccessControlException") ? "blocked by robots.txt" : "refused";
      return Optional.of(new Inconclusive(endpoint, r, Outcome.REFUSED, why + ": " + http));
    }
    if (status == 429) {
      return Optional.of(new Inconclusive(endpoint, r, Outcome.RATE_LIMITED, http));
    }
    if (status >= 500) {
      return Optional.of(new Inconclusive(endpoint, r, Outcome.SERVER_ERROR, http));
    }
    if (status != 200) {
      return Optional.of(new Inconclusive(endpoint, r, Outcome.UNEXPECTED, http));
    }
    if (r.truncated()) {
      return Optional.of(new Inconclusive(endpoint, r, Outcome.UNEXPECTED, r.truncation()));
    }
    return Optional.empty();
  }

  static String snippet(Fetch.Response r) {
    return r.snippet(160);
  }
}
