package org.embedwatch.capture;

import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.net.Fetch;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.wayback.MementoClient;
import org.embedwatch.platform.wayback.MementoReplay;
import org.embedwatch.platform.wayback.WaybackAnswer;

/**
 * The one mapping from an endpoint's answer about a post (a live endpoint's, or a web archive's) to the observation
 * stored of it.
 */
final class Observations {
  private Observations() {}

  /** A web archive's answer about a post (a memento list): corroboration, never the post's state. */
  static Observation of(WaybackAnswer answer) {
    return archived(answer.fetch(), answer.endpoint(), answer.outcome(), answer.detail(), null);
  }

  /** A memento's replay: its raw bytes, with the fingerprint of the text found in them (or null). */
  static Observation of(MementoReplay answer, String fingerprint) {
    return archived(answer.fetch(), MementoClient.ENDPOINT, answer.outcome(), answer.detail(), fingerprint);
  }

  private static Observation archived(Fetch f, String endpoint, Outcome outcome, String detail, String fingerprint) {
    Integer status = f instanceof Fetch.Response r ? r.status() : null;
    Sha256 sha = f instanceof Fetch.Response r ? r.sha256() : null;
    return new Observation(f.at(), endpoint, f.uri().toString(), status, outcome, null, detail, sha, fingerprint,
        f.warc());
  }

  /** The observation {@code fetch} makes (outside a numbered check: the store numbers it with its check). */
  static Observation of(PostFetch fetch) {
    Fetch f = fetch.fetch();
    Integer status = f instanceof Fetch.Response r ? r.status() : null;
    Sha256 sha = f instanceof Fetch.Response r ? r.sha256() : null;
    String uri = f.uri().toString();
    if (fetch instanceof PostFetch.Served s) {
      return new Observation(f.at(), s.endpoint(), uri, status, s.outcome(), null, null, sha,
          s.content().fingerprint(), f.warc());
    }
    if (fetch instanceof PostFetch.Unavailable u) {
      return new Observation(f.at(), u.endpoint(), uri, status, u.outcome(), u.reason(), u.detail(), sha, null,
          f.warc());
    }
    if (fetch instanceof PostFetch.NotFound n) {
      return new Observation(f.at(), n.endpoint(), uri, status, n.outcome(), UnavailableReason.UNKNOWN, n.detail(),
          sha, null, f.warc());
    }
    PostFetch.Inconclusive i = (PostFetch.Inconclusive) fetch;
    return new Observation(f.at(), i.endpoint(), uri, status, i.outcome(), null, i.detail(), sha, null, f.warc());
  }
}
