package org.embedwatch.platform.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.config.Settings;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HostLimits;
import org.embedwatch.net.Routes;
import org.embedwatch.platform.BatchPostEndpoint;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twitter4j.TwitterException;
import twitter4j.TwitterObjectFactory;
import twitter4j.v1.RateLimitStatus;
import twitter4j.v1.ResponseList;
import twitter4j.v1.Status;

/**
 * X's v1.1 API through Twitter4J, used when OAuth 1.0a credentials are configured: {@code statuses/lookup} for up to
 * {@value #MAX_BATCH} posts in one request, then {@code statuses/show} for each post the lookup left out, because
 * lookup drops missing, deleted, protected and suspended posts without a word and only show says why (error codes
 * map as in platform-protocols §3.1).
 *
 * <p>Twitter4J has its own transport, so its base URL comes from {@code net.route.api.twitter.com} and every exchange
 * is recorded in WARC from what Twitter4J hands back, with the Authorization header redacted: the lookup's body is the
 * JSON array Twitter4J kept ({@code TwitterObjectFactory.getRawJSON} of the {@code ResponseList}, which Twitter4J
 * parsed and wrote out again: not the wire bytes), once per lookup; each served post's capture is its element of that
 * array, {@code json-pointer /<index>}. The record's {@code X-Embedwatch-Transport} header says which bytes it holds.
 *
 * <p>Politeness goes through the same {@link HostLimits} as the HTTP stack, for the host {@code api.twitter.com}:
 * its {@code net.rate.*} spacing and {@code net.concurrency.*} limit, and parking: a 429 (code 88) parks the host
 * until {@code x-rate-limit-reset}, and so does any answer with {@code x-rate-limit-remaining: 0}. While the host is
 * parked nothing is sent and every post asked about is {@link Outcome#RATE_LIMITED}. Nothing is retried. Thread-safe.
 */
public final class V1Client implements BatchPostEndpoint {
  public static final String ENDPOINT = "x-v1.1";
  /** The most ids {@code statuses/lookup} takes in one request. */
  public static final int MAX_BATCH = 100;
  /** The host whose politeness limits apply (the real one, before routing). */
  public static final String HOST = "api.twitter.com";
  private static final String REAL_BASE = "https://" + HOST + "/1.1/";
  private static final Logger log = LoggerFactory.getLogger(V1Client.class);
  /** What the body of a recorded lookup is, when Twitter4J kept the array's JSON. */
  static final String LOOKUP_TRANSPORT = "twitter4j (body: the JSON array Twitter4J kept for the lookup answer,"
      + " parsed and written out again by Twitter4J; not the wire bytes)";
  /** What the body of a recorded lookup is, when Twitter4J kept each status's JSON but not the array's. */
  static final String REBUILT_TRANSPORT = "twitter4j (body: the array's own JSON was not kept; the raw JSON Twitter4J"
      + " kept for each status, joined into an array in the order Twitter4J returned them; not the wire bytes)";
  private static final String SHOW_TRANSPORT = "twitter4j (body as Twitter4J returned it)";
  static final String ERROR_TRANSPORT = "twitter4j (body: the error message Twitter4J read from the answer,"
      + " as text; not the wire bytes)";

  private final twitter4j.Twitter twitter;
  private final HostLimits limits;
  private final V1Exchanges exchanges;
  private final ObjectMapper json;
  private final V1Status statuses;
  private final Clock clock;

  /**
   * @param limits the HTTP stack's per-host limits ({@code HttpFetcher.limits()}), shared so that a park or a
   *     request slot of {@code api.twitter.com} holds for both stacks
   */
  public V1Client(Settings.XV1Credentials credentials, Settings.Net net, Routes routes, HostLimits limits,
      ExchangeRecorder recorder, ObjectMapper json, Clock clock) {
    Optional<URI> base = routes.baseFor(HOST);
    Properties p = new Properties();
    p.setProperty("restBaseURL", base.map(b -> b.toString().replaceAll("/+$", "") + "/1.1/").orElse(REAL_BASE));
    this.twitter = twitter4j.Twitter.newBuilder()
        .load(p)
        .oAuthConsumer(credentials.consumerKey(), credentials.consumerSecret())
        .oAuthAccessToken(credentials.accessToken(), credentials.accessTokenSecret())
        .tweetModeExtended(true)
        .jsonStoreEnabled(true)
        .httpRetryCount(0)
        .httpConnectionTimeout((int) net.connectTimeout().toMillis())
        .httpReadTimeout((int) net.readTimeout().toMillis())
        .build();
    V1UserAgent.apply(twitter, net.userAgent());
    this.limits = limits;
    this.exchanges = new V1Exchanges(routes, net.onlyRouted() && base.isEmpty(), limits, recorder, clock);
    this.json = json;
    this.statuses = new V1Status(json);
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.X;
  }

  @Override
  public String name() {
    return ENDPOINT;
  }

  @Override
  public int maxBatch() {
    return MAX_BATCH;
  }

  /** The address Twitter4J 4.1.2 asks for a lookup of {@code ids} (commas unencoded, as it sends them). */
  public static URI lookupUri(List<Long> ids) {
    StringJoiner joined = new StringJoiner(",");
    ids.forEach(id -> joined.add(Long.toString(id)));
    return URI.create(REAL_BASE + "statuses/lookup.json?id=" + joined + "&include_entities=true&tweet_mode=extended");
  }

  /** The address Twitter4J 4.1.2 asks for {@code statuses/show} of {@code id}. */
  public static URI showUri(long id) {
    return URI.create(REAL_BASE + "statuses/show/" + id + ".json?include_my_retweet=true&include_entities=true"
        + "&include_ext_alt_text=true&tweet_mode=extended");
  }

  @Override
  public List<PostFetch> fetchAll(List<PostKey> posts) {
    if (posts.size() > MAX_BATCH) {
      throw new IllegalArgumentException("statuses/lookup takes at most " + MAX_BATCH + " ids, got " + posts.size());
    }
    if (posts.isEmpty()) {
      return List.of();
    }
    Set<Long> distinct = new LinkedHashSet<>();
    posts.forEach(post -> tweetId(post).ifPresent(distinct::add));
    if (distinct.isEmpty()) {
      return posts.stream().map(this::notSent).toList();
    }
    List<Long> ids = List.copyOf(distinct);
    URI uri = lookupUri(ids);
    Lookup lookup = lookup(uri, ids);
    List<PostFetch> answers = new ArrayList<>(posts.size());
    Map<Long, PostFetch> shown = new HashMap<>();
    for (PostKey post : posts) {
      java.util.OptionalLong parsed = tweetId(post);
      if (parsed.isEmpty()) {
        answers.add(notSent(post));
        continue;
      }
      long id = parsed.getAsLong();
      if (lookup instanceof Lookup.Failed failed) {
        answers.add(failed.fetch());
      } else {
        Lookup.Answered answered = (Lookup.Answered) lookup;
        Integer index = answered.index().get(Long.toString(id));
        answers.add(index != null ? served(answered, index)
            : shown.computeIfAbsent(id, this::show));
      }
    }
    return answers;
  }

  /** What one lookup gave: the array and where each id is in it, or one answer for every post. */
  private sealed interface Lookup {
    /** @param index id_str → index in {@code array} */
    record Answered(Fetch.Response response, JsonNode array, Map<String, Integer> index) implements Lookup {}

    record Failed(PostFetch fetch) implements Lookup {}
  }

  private Lookup lookup(URI uri, List<Long> ids) {
    Optional<PostFetch> refused = exchanges.refusal(uri);
    if (refused.isPresent()) {
      return new Lookup.Failed(refused.get());
    }
    long[] asked = ids.stream().mapToLong(Long::longValue).toArray();
    Instant at = clock.instant();
    String raw;
    String transport;
    RateLimitStatus rate;
    try (HostLimits.Permit permit = limits.enter(HOST)) {
      at = clock.instant();
      ResponseList<Status> list = twitter.v1().tweets().lookup(asked);
      // Twitter4J keeps raw JSON per thread until its next call: read it now.
      raw = TwitterObjectFactory.getRawJSON(list);
      transport = LOOKUP_TRANSPORT;
      if (raw == null) {
        raw = joinedRawStatuses(list);
        transport = REBUILT_TRANSPORT;
      }
      rate = list.getRateLimitStatus();
    } catch (TwitterException e) {
      return new Lookup.Failed(lookupFailure(uri, at, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Lookup.Failed(exchanges.interrupted(uri));
    }
    byte[] body = raw == null ? new byte[0] : raw.getBytes(StandardCharsets.UTF_8);
    Fetch.Response r = exchanges.record(uri, at, 200, "OK", V1Exchanges.withRate(List.of(
        Map.entry("Content-Type", "application/json"),
        Map.entry("X-Embedwatch-Transport", raw == null ? "twitter4j (no raw JSON kept; empty body)" : transport)),
        rate), body);
    limits.parkAfter(HOST, r).ifPresent(until -> log.debug("{} spent its quota; parked until {}", HOST, until));
    JsonNode array;
    try {
      array = json.readTree(body);
    } catch (IOException e) {
      array = null;
    }
    if (array == null || !array.isArray()) {
      return new Lookup.Failed(new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED,
          "statuses/lookup answered no JSON array: " + r.snippet()));
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode status = array.get(i);
      String id = status.path("id_str").asText("");
      if (id.isEmpty() && status.path("id").isIntegralNumber()) {
        id = status.path("id").asText();
      }
      index.putIfAbsent(id, i);
    }
    log.debug("statuses/lookup of {} ids -> {} statuses", ids.size(), array.size());
    return new Lookup.Answered(r, array, Map.copyOf(index));
  }

  /** The statuses' own raw JSON joined into an array, or null when Twitter4J kept none for one of them. */
  private static String joinedRawStatuses(List<Status> statuses) {
    StringJoiner array = new StringJoiner(",", "[", "]");
    for (Status status : statuses) {
      String raw = TwitterObjectFactory.getRawJSON(status);
      if (raw == null) {
        return null;
      }
      array.add(raw);
    }
    return array.toString();
  }

  private PostFetch served(Lookup.Answered answered, int index) {
    JsonNode status = answered.array().get(index);
    byte[] part;
    try {
      part = json.writeValueAsBytes(status);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a parsed status back as JSON", e);
    }
    return new PostFetch.Served(ENDPOINT, answered.response(), statuses.read(status),
        new PostFetch.Part("/" + index, part));
  }

  /** A lookup that failed: the same inconclusive answer for every post of the chunk (never evidence). */
  private PostFetch lookupFailure(URI uri, Instant at, TwitterException e) {
    if (e.getStatusCode() <= 0 || e.isCausedByNetworkIssue()) {
      return exchanges.noAnswer(uri, at, e);
    }
    Fetch.Response r = exchanges.errorResponse(uri, at, e);
    String detail = V1Exchanges.detail(e);
    boolean rateLimited = e.getStatusCode() == 429 || e.getErrorCode() == 88;
    return new PostFetch.Inconclusive(ENDPOINT, r, rateLimited ? Outcome.RATE_LIMITED
        : e.getStatusCode() >= 500 ? Outcome.SERVER_ERROR
        : e.getStatusCode() == 401 || e.getStatusCode() == 403 ? Outcome.REFUSED : Outcome.UNEXPECTED, detail);
  }

  /** {@code statuses/show} of one post the lookup left out: why it is missing (or that it is there after all). */
  private PostFetch show(long id) {
    URI uri = showUri(id);
    Optional<PostFetch> refused = exchanges.refusal(uri);
    if (refused.isPresent()) {
      return refused.get();
    }
    Instant at = clock.instant();
    String raw;
    RateLimitStatus rate;
    try (HostLimits.Permit permit = limits.enter(HOST)) {
      at = clock.instant();
      Status status = twitter.v1().tweets().showStatus(id);
      raw = TwitterObjectFactory.getRawJSON(status);
      rate = V1Exchanges.rateOf(status);
    } catch (TwitterException e) {
      return showFailure(uri, at, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return exchanges.interrupted(uri);
    }
    byte[] body = raw == null ? new byte[0] : raw.getBytes(StandardCharsets.UTF_8);
    Fetch.Response r = exchanges.record(uri, at, 200, "OK", V1Exchanges.withRate(List.of(
        Map.entry("Content-Type", "application/json"),
        Map.entry("X-Embedwatch-Transport", SHOW_TRANSPORT)), rate), body);
    limits.parkAfter(HOST, r);
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, "statuses/show answered no status: "
            + r.snippet());
      }
      return new PostFetch.Served(ENDPOINT, r, statuses.read(node));
    } catch (IOException e) {
      return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, "unreadable status JSON: " + e.getMessage());
    }
  }

  private PostFetch showFailure(URI uri, Instant at, TwitterException e) {
    if (e.getStatusCode() <= 0 || e.isCausedByNetworkIssue()) {
      return exchanges.noAnswer(uri, at, e);
    }
    int status = e.getStatusCode();
    String detail = V1Exchanges.detail(e);
    Fetch.Response r = exchanges.errorResponse(uri, at, e);
    return switch (e.getErrorCode()) {
      case 144 -> new PostFetch.Unavailable(ENDPOINT, r, UnavailableReason.DELETED, detail);
      case 63 -> new PostFetch.Unavailable(ENDPOINT, r, UnavailableReason.SUSPENDED, detail);
      case 179 -> new PostFetch.Unavailable(ENDPOINT, r, UnavailableReason.PROTECTED, detail);
      case 421, 422 -> new PostFetch.Unavailable(ENDPOINT, r, UnavailableReason.UNKNOWN, detail);
      case 34, 50 -> new PostFetch.NotFound(ENDPOINT, r, detail);
      case 88 -> new PostFetch.Inconclusive(ENDPOINT, r, Outcome.RATE_LIMITED, detail);
      default -> new PostFetch.Inconclusive(ENDPOINT, r,
          status == 429 ? Outcome.RATE_LIMITED : status >= 500 ? Outcome.SERVER_ERROR
              : status == 401 || status == 403 ? Outcome.REFUSED : Outcome.UNEXPECTED, detail);
    };
  }










  /** The post's id as Twitter4J takes it, or empty when it is not one (not digits, or beyond a long). */
  private static java.util.OptionalLong tweetId(PostKey post) {
    if (!post.postId().matches("[0-9]{1,19}")) {
      return java.util.OptionalLong.empty();
    }
    try {
      return java.util.OptionalLong.of(Long.parseLong(post.postId()));
    } catch (NumberFormatException e) {
      return java.util.OptionalLong.empty();
    }
  }

  /** A post whose id v1.1 cannot take: answered here, never sent, so it cannot spoil the others' lookup. */
  private PostFetch notSent(PostKey post) {
    String detail = "not a v1.1 tweet id: '" + post.postId() + "' (1 to 19 digits, at most 9223372036854775807);"
        + " not sent";
    URI uri = URI.create(REAL_BASE + "statuses/show/" + post.postId().replaceAll("[^0-9A-Za-z]", "") + ".json");
    Fetch.Failure failure = new Fetch.Failure(uri, clock.instant(), Fetch.Kind.INVALID_REQUEST, detail, null);
    return new PostFetch.Inconclusive(ENDPOINT, failure, Outcome.UNEXPECTED, detail);
  }




}
