package org.embedwatch.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated platform: a loopback HTTP server that serves each platform host under a first path segment equal to
 * the host name ({@code http://127.0.0.1:<port>/cdn.syndication.twimg.com/tweet-result?...}), with the scenario's
 * posts changing as {@code clock} moves. Thread-safe; owns the server and its threads until {@link #close()}.
 */
public final class Sandbox implements AutoCloseable {
  static final String SYNDICATION = "cdn.syndication.twimg.com";
  static final String PBS = "pbs.twimg.com";
  static final String VIDEO = "video.twimg.com";
  static final String PUBLISH = "publish.twitter.com";
  static final String API = "api.twitter.com";
  static final String API_X = "api.x.com";
  static final String BSKY_APPVIEW = "public.api.bsky.app";
  static final String BSKY_CDN = "cdn.bsky.app";
  static final String MASTODON_FILES = "files.mastodon.social";
  static final String WAYBACK = "web.archive.org";
  static final String ARCHIVE_ORG = "archive.org";
  static final String YOUTUBE = "www.youtube.com";
  static final String TIKTOK = "www.tiktok.com";
  static final String GRAPH = "graph.facebook.com";
  /** The access token the sandbox's graph.facebook.com accepts: give it as {@code meta.oembed-token}. */
  public static final String META_OEMBED_TOKEN = GraphRoute.TOKEN;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Dispatcher dispatcher;
  private final Timeline timeline;
  private final SyndicationSwitches switches;
  private final OEmbedRoute oembed;
  private final V2Route v2;
  private final WaybackArchive wayback;
  private final V1Route v1;
  private final List<String> hosts;

  private Sandbox(HttpServer server, ExecutorService executor, Dispatcher dispatcher, Timeline timeline,
      SyndicationSwitches switches, OEmbedRoute oembed, V2Route v2, WaybackArchive wayback, V1Route v1,
      List<String> hosts) {
    this.server = server;
    this.executor = executor;
    this.dispatcher = dispatcher;
    this.timeline = timeline;
    this.switches = switches;
    this.oembed = oembed;
    this.v2 = v2;
    this.wayback = wayback;
    this.v1 = v1;
    this.hosts = List.copyOf(hosts);
  }

  /**
   * Starts serving {@code scenario} on 127.0.0.1. Relative event times count from {@code clock.instant()} now.
   *
   * @param port the port, or 0 for an ephemeral one
   * @throws IOException if the port cannot be bound
   */
  public static Sandbox start(int port, Scenario scenario, Clock clock) throws IOException {
    // The JDK server holds each answer about 40 ms (delayed ACK) unless TCP_NODELAY is on. It reads this property once,
    // when its first server starts; a value given on the command line wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    ObjectMapper json = new ObjectMapper();
    Samples samples = new Samples(json);
    Timeline timeline = new Timeline(scenario, samples, clock);
    SyndicationSwitches switches = new SyndicationSwitches();
    Map<String, Route> routes = new LinkedHashMap<>();
    routes.put(SYNDICATION, new SyndicationRoute(timeline, samples, json, switches));
    routes.put(PBS, new MediaRoute(PBS, timeline));
    routes.put(VIDEO, new MediaRoute(VIDEO, timeline));
    OEmbedRoute oembed = new OEmbedRoute(timeline, samples, json);
    routes.put(PUBLISH, oembed);
    V2Route v2 = new V2Route(timeline, samples, json);
    V1Route v1 = new V1Route(timeline, samples, json);
    XApiRoute api = new XApiRoute(v1, v2);
    routes.put(API, api);
    routes.put(API_X, api);
    routes.put(BSKY_APPVIEW, new BlueskyRoute(timeline, samples, json));
    routes.put(BSKY_CDN, new MediaRoute(BSKY_CDN, timeline));
    routes.put(MASTODON_FILES, new MediaRoute(MASTODON_FILES, timeline));
    routes.put(YOUTUBE, new YouTubeRoute(timeline, json));
    routes.put(YouTubeRoute.THUMBNAILS, new MediaRoute(YouTubeRoute.THUMBNAILS, timeline));
    routes.put(TIKTOK, new TikTokRoute(timeline, json));
    routes.put(TikTokRoute.THUMBNAILS, new MediaRoute(TikTokRoute.THUMBNAILS, timeline));
    routes.put(GRAPH, new GraphRoute(timeline, json));
    routes.put(GraphRoute.INSTAGRAM_THUMBNAILS, new MediaRoute(GraphRoute.INSTAGRAM_THUMBNAILS, timeline));
    scenario.posts().stream()
        .filter(p -> p.service() == Scenario.Service.MASTODON)
        .map(Scenario.Post::host)
        .distinct()
        .forEach(host -> routes.put(host, new MastodonRoute(host, timeline, samples, json)));
    WaybackArchive wayback = new WaybackArchive(timeline, new MementoPages(timeline, samples, json));
    routes.put(WAYBACK, new CdxRoute(wayback, json));
    routes.put(ARCHIVE_ORG, new AvailabilityRoute(wayback, json));
    Map<String, Map<String, Scenario.Article>> sites = new LinkedHashMap<>();
    for (Scenario.Article article : scenario.articles()) {
      sites.computeIfAbsent(article.host(), h -> new LinkedHashMap<>()).put(article.path(), article);
    }
    sites.forEach((host, pages) -> {
      if (routes.containsKey(host)) {
        throw new IllegalArgumentException("an article host must not be a platform host: '" + host + "'");
      }
      routes.put(host, new ArticleRoute(pages));
    });
    Dispatcher dispatcher = new Dispatcher(routes);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "sandbox-http-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", dispatcher);
    server.start();
    return new Sandbox(server, executor, dispatcher, timeline, switches, oembed, v2, wayback, v1,
        List.copyOf(routes.keySet()));
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * The app's route configuration for every host served: {@code net.route.<host>} -> {@code
   * http://127.0.0.1:<port>/<host>}.
   */
  public Map<String, String> routes() {
    Map<String, String> routes = new LinkedHashMap<>();
    for (String host : hosts) {
      routes.put("net.route." + host, baseUri() + "/" + host);
    }
    return routes;
  }

  /**
   * Applies a change to a post now (at {@code clock.instant()}).
   *
   * @throws IllegalArgumentException if the scenario has no such post
   */
  public void apply(String postId, Change change) {
    timeline.apply(postId, change);
  }

  /**
   * Sets a fault for every request to every host; {@link Fault#none()} clears it. A fault set for a host
   * ({@link #setFault(String, Fault)}) takes precedence on that host.
   */
  public void setFault(Fault fault) {
    dispatcher.fault(fault);
  }

  /**
   * Sets a fault for every request to one simulated host, e.g. {@code cdn.syndication.twimg.com}; {@link Fault#none()}
   * clears it. While set, it replaces the global fault on that host.
   *
   * @throws IllegalArgumentException if the sandbox does not serve {@code host}
   */
  public void setFault(String host, Fault fault) {
    dispatcher.fault(host, fault);
  }

  /**
   * Sets the fault of both Wayback hosts (web.archive.org and archive.org): 403 is the CDX "Blocked Site Error", 429
   * comes without Retry-After. {@link Fault#none()} clears it.
   */
  public void setWaybackFault(Fault fault) {
    dispatcher.fault(WAYBACK, fault);
    dispatcher.fault(ARCHIVE_ORG, fault);
  }

  /**
   * When on, the simulated Wayback Machine also holds each post's syndication JSON, captured one hour after the post
   * ({@code cdn.syndication.twimg.com/tweet-result?id=…}, listed by CDX as {@code application/json}). Off by default.
   */
  public void setSyndicationArchived(boolean on) {
    wayback.syndicationArchived(on);
  }

  /** When on, syndication answers {@code {}} unless {@code token} equals {@code SyndicationToken.of(id)}. Off by default. */
  public void setTokenEnforced(boolean enforced) {
    switches.tokenEnforced(enforced);
  }

  /** When on, syndication answers 403 unless the User-Agent is browser-like ({@code Mozilla/5.0 …}). Off by default. */
  public void setBrowserUserAgentRequired(boolean required) {
    switches.browserUserAgentRequired(required);
  }

  /**
   * When on, oEmbed answers every post URL with HTTP 200 and an HTML page (a consent or login interstitial) instead
   * of its JSON. Off by default.
   */
  public void setOEmbedInterstitial(boolean on) {
    oembed.interstitial(on);
  }

  /**
   * Sets how many requests each v1.1 endpoint ({@code statuses/show}, {@code statuses/lookup}) answers per 15-minute
   * window of the sandbox clock before it answers 429 code 88 (900 by default, as X). The answer that spends the
   * last one carries {@code x-rate-limit-remaining: 0}.
   */
  public void setV1RateLimit(int requestsPerWindow) {
    v1.rateLimit(requestsPerWindow);
  }

  /**
   * When on, X's v2 API answers every request that carries a bearer token with the 429 {@code UsageCapExceeded}
   * problem (the monthly cap of a paid tier). Off by default.
   */
  public void setV2UsageCapExceeded(boolean on) {
    v2.usageCapExceeded(on);
  }

  /** Every request received so far, oldest first. */
  public List<RecordedRequest> requests() {
    return dispatcher.requests();
  }

  /**
   * Waits until the sandbox has received {@code count} requests in all (counting from its start), or until {@code
   * timeout} has passed: a test waits on a client's progress instead of sleeping.
   *
   * @return true when {@code count} requests had been received, false when the time ran out first
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
    return dispatcher.awaitRequests(count, timeout);
  }

  /** How many requests are being held by a timeout or slow fault right now. */
  public int heldRequests() {
    return dispatcher.heldCount();
  }

  /**
   * Waits until at least {@code n} requests are held by a timeout or slow fault, for at most {@code timeout}.
   *
   * @return whether they are
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitHeldRequests(int n, Duration timeout) throws InterruptedException {
    return dispatcher.awaitHeld(n, timeout);
  }

  /** Ends every hold: a request held by a timeout fault is answered 504, one held by a slow fault normally. */
  public void releaseHeldRequests() {
    dispatcher.releaseHeld();
  }

  /** Releases held requests, stops the server and its threads. */
  @Override
  public void close() {
    dispatcher.releaseHeld();
    server.stop(0);
    executor.shutdownNow();
  }
}
