package org.embedwatch.platform.x;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.archive.HttpExchangeRecord;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.evidence.WarcLocation;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HostLimits;
import org.embedwatch.net.Routes;
import org.embedwatch.platform.PostFetch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twitter4j.TwitterException;
import twitter4j.TwitterResponse;
import twitter4j.v1.RateLimitStatus;

/**
 * The v1.1 client's side of Twitter4J's own transport: what is sent at all (routing, parking), and every exchange
 * recorded in WARC from what Twitter4J hands back (the Authorization header redacted), with the host parked when an
 * answer says so. Thread-safe.
 */
final class V1Exchanges {
  private static final Logger log = LoggerFactory.getLogger(V1Exchanges.class);

  private final Routes routes;
  private final boolean notRouted;
  private final HostLimits limits;
  private final ExchangeRecorder recorder;
  private final Clock clock;

  V1Exchanges(Routes routes, boolean notRouted, HostLimits limits, ExchangeRecorder recorder, Clock clock) {
    this.routes = routes;
    this.notRouted = notRouted;
    this.limits = limits;
    this.recorder = recorder;
    this.clock = clock;
  }
  /**
   * The answer without a request: the host has no route while {@code net.only-routed} is on, or it is parked after a
   * rate-limit answer.
   */
  Optional<PostFetch> refusal(URI uri) {
    if (notRouted) {
      return Optional.of(PostFetch.Inconclusive.of(V1Client.ENDPOINT, new Fetch.Failure(uri, clock.instant(),
          Fetch.Kind.NOT_ROUTED, V1Client.HOST + " has no net.route and net.only-routed is on; not sent", null)));
    }
    Optional<Instant> parked = limits.parkedUntil(V1Client.HOST);
    if (parked.isPresent()) {
      log.debug("GET {} not sent: {} is parked until {}", uri, V1Client.HOST, parked.get());
      return Optional.of(PostFetch.Inconclusive.of(V1Client.ENDPOINT, new Fetch.Failure(uri, clock.instant(),
          Fetch.Kind.RATE_LIMITED, V1Client.HOST + " is rate limited until " + parked.get() + "; not asked", null)));
    }
    return Optional.empty();
  }
  /** A request that got no HTTP answer (or one Twitter4J could not read): stored as a failed exchange. */
  PostFetch noAnswer(URI uri, Instant at, TwitterException e) {
    boolean unreadable = !e.isCausedByNetworkIssue() && causedBy(e, "twitter4j.JSONException");
    String message = firstLine(e.getMessage());
    WarcLocation loc = recorder.write(new HttpExchangeRecord(uri, routedTo(uri), at, "GET", requestHeaders(), null,
        "twitter4j: " + e.getMessage()));
    Fetch.Failure failure = new Fetch.Failure(uri, at, Fetch.Kind.IO, message, loc);
    log.debug("GET {} failed: {}", uri, message);
    return unreadable
        ? new PostFetch.Inconclusive(V1Client.ENDPOINT, failure, Outcome.UNEXPECTED, "unreadable answer: " + message)
        : new PostFetch.Inconclusive(V1Client.ENDPOINT, failure, Outcome.TRANSPORT_ERROR, "transport error: " + message);
  }
  PostFetch interrupted(URI uri) {
    return PostFetch.Inconclusive.of(V1Client.ENDPOINT, new Fetch.Failure(uri, clock.instant(), Fetch.Kind.IO,
        "interrupted while waiting to ask " + V1Client.HOST, null));
  }
  /** Records an HTTP error answer and parks the host when it says so (a 429 or code 88, or a spent quota). */
  Fetch.Response errorResponse(URI uri, Instant at, TwitterException e) {
    // The body kept is the error message alone, as text. Rate-limit values come from Twitter4J's RateLimitStatus
    // (its getResponseHeader fails on a header that is absent).
    List<Map.Entry<String, String>> headers = withRate(List.of(
        Map.entry("Content-Type", "text/plain; charset=utf-8"),
        Map.entry("X-Embedwatch-Transport", V1Client.ERROR_TRANSPORT)), e.getRateLimitStatus());
    Fetch.Response r = record(uri, at, e.getStatusCode(), "", headers,
        errorText(e).getBytes(StandardCharsets.UTF_8));
    Optional<Instant> parked = limits.parkAfter(V1Client.HOST, r);
    if (parked.isEmpty() && e.getErrorCode() == 88) {
      // A code 88 under another status than 429: still a rate limit.
      Instant until = Optional.ofNullable(e.getRateLimitStatus())
          .map(s -> Instant.ofEpochSecond(s.getResetTimeInSeconds()))
          .filter(reset -> reset.isAfter(clock.instant()))
          .orElse(clock.instant().plus(limits.fallbackPark()));
      limits.park(V1Client.HOST, until);
      parked = Optional.of(until);
    }
    parked.ifPresent(until -> log.debug("GET {} -> HTTP {}; {} parked until {}", uri, e.getStatusCode(), V1Client.HOST, until));
    return r;
  }
  Fetch.Response record(URI uri, Instant at, int status, String reason,
      List<Map.Entry<String, String>> headers, byte[] body) {
    WarcLocation loc = recorder.write(new HttpExchangeRecord(uri, routedTo(uri), at, "GET", requestHeaders(),
        new HttpExchangeRecord.Response(status, reason, headers, body, false), null));
    log.debug("GET {} -> {} ({} bytes, through Twitter4J)", uri, status, body.length);
    return new Fetch.Response(uri, uri, at, status, headers, body, false, Sha256.of(body), loc);
  }
  URI routedTo(URI uri) {
    return routes.rewrite(uri).orElse(null);
  }
  /** {@code headers} plus the {@code x-rate-limit-*} values Twitter4J read, when it read them. */
  static List<Map.Entry<String, String>> withRate(List<Map.Entry<String, String>> headers,
      RateLimitStatus rate) {
    if (rate == null) {
      return headers;
    }
    List<Map.Entry<String, String>> all = new ArrayList<>(headers);
    all.add(Map.entry("x-rate-limit-limit", Integer.toString(rate.getLimit())));
    all.add(Map.entry("x-rate-limit-remaining", Integer.toString(rate.getRemaining())));
    all.add(Map.entry("x-rate-limit-reset", Integer.toString(rate.getResetTimeInSeconds())));
    return all;
  }
  static RateLimitStatus rateOf(TwitterResponse response) {
    return response == null ? null : response.getRateLimitStatus();
  }
  static List<Map.Entry<String, String>> requestHeaders() {
    return List.of(Map.entry("Authorization", "OAuth [redacted]"));
  }
  static String detail(TwitterException e) {
    return e.getErrorCode() > 0
        ? "HTTP " + e.getStatusCode() + " code " + e.getErrorCode() + ": " + e.getErrorMessage()
        : "HTTP " + e.getStatusCode() + ": " + errorText(e);
  }
  /** The error message X gave, else the first line of what Twitter4J says (for a 5xx page: its start). */
  static String errorText(TwitterException e) {
    String text = e.getErrorMessage() != null ? e.getErrorMessage() : firstLine(e.getMessage());
    return text.length() > 200 ? text.substring(0, 200) : text;
  }
  /** Whether {@code t} or a cause of it is of class {@code className} (Twitter4J's JSONException is not public). */
  static boolean causedBy(Throwable t, String className) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c.getClass().getName().equals(className)) {
        return true;
      }
    }
    return false;
  }
  static String firstLine(String s) {
    return s == null ? "" : s.split("\n", 2)[0];
  }}
