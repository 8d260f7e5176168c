package org.embedwatch.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.archive.HttpExchangeRecord;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.archive.QuerySecrets;
import org.embedwatch.evidence.WarcLocation;
import org.embedwatch.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP stack (Apache HttpClient 5): applies {@code net.route} rewriting, sends our User-Agent, bounds body
 * size, follows redirects itself (only to http/https, each hop recorded) and writes every exchange, failures included,
 * to WARC. It is polite per host (the host asked for, before routing): a concurrency limit, evenly spaced requests,
 * and parking after a 429 or a spent {@code x-rate-limit-remaining} until the reset the host gave; a request to a
 * parked host is not sent and fails at once as {@link Fetch.Kind#RATE_LIMITED}. Transport errors and 5xx are retried
 * with exponential backoff, each attempt its own exchange. Every wait goes through the {@link Sleeper}. Thread-safe.
 *
 * <p>A secret in the query ({@link QuerySecrets}: Meta's {@code access_token}) is sent, but never shown: the WARC
 * records, the log lines and the addresses of the {@link Fetch} returned carry it as {@code [redacted]}. A redirect to
 * another origin carries no credential ({@link RedirectHop}).
 *
 * <p>An address that is not public (loopback, private, link-local, …; see {@link AddressScope}) is refused as the
 * socket is about to connect, on every hop, unless the request was routed ({@code net.route}) or
 * {@code net.allow-addresses} allows it ({@link Transport}): the request fails as {@link Fetch.Kind#REFUSED_ADDRESS}
 * and nothing is sent.
 */
public final class HttpFetcher implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);
  private static final int MAX_REDIRECTS = 5;

  private final Transport transport;
  private final Routes routes;
  private final Settings.Net settings;
  private final ExchangeRecorder warc;
  private final Clock clock;
  private final Sleeper sleeper;
  private final HostLimits limits;
  private final TransferLimits transfer;

  public HttpFetcher(Settings.Net settings, ExchangeRecorder warc, Clock clock, Sleeper sleeper) {
    this(settings, warc, clock, sleeper, HostLimits.ParkListener.none());
  }

  /** A fetcher whose host limits tell {@code parks} of each park as it is taken, to keep it beyond this process. */
  public HttpFetcher(Settings.Net settings, ExchangeRecorder warc, Clock clock, Sleeper sleeper,
      HostLimits.ParkListener parks) {
    this(settings, warc, clock, sleeper, parks, SystemDefaultDnsResolver.INSTANCE);
  }

  /** A fetcher as above that resolves host names with {@code dns} (tests map names to addresses with it). */
  public HttpFetcher(Settings.Net settings, ExchangeRecorder warc, Clock clock, Sleeper sleeper,
      HostLimits.ParkListener parks, DnsResolver dns) {
    this(settings, warc, clock, sleeper, HostLimits.Sharing.local(clock, sleeper, parks), dns);
  }

  /**
   * A fetcher whose host limits share their request spacing and parks with other processes as {@code sharing} says
   * (on PostgreSQL: through the database, for every worker on it).
   */
  public HttpFetcher(Settings.Net settings, ExchangeRecorder warc, Clock clock, Sleeper sleeper,
      HostLimits.Sharing sharing, DnsResolver dns) {
    this(settings, warc, clock, sleeper, sharing, dns, System::nanoTime);
  }

  /** As above, its deadline and minimum rate read from {@code nanos} (monotonic; a test moves them by hand). */
  HttpFetcher(Settings.Net settings, ExchangeRecorder warc, Clock clock, Sleeper sleeper, HostLimits.Sharing sharing,
      DnsResolver dns, java.util.function.LongSupplier nanos) {
    this.settings = settings;
    this.routes = new Routes(settings.routes());
    this.warc = warc;
    this.clock = clock;
    this.sleeper = sleeper;
    this.limits = new HostLimits(settings.politeness(), clock, sharing);
    this.transport = new Transport(settings, dns);
    this.transfer = new TransferLimits(settings.requestDeadline(), settings.minBytesPerSecond(),
        settings.minRateWindow(), nanos);
  }

  /** The routing table in use, for clients that build their own transport (Twitter4J). */
  public Routes routes() {
    return routes;
  }

  /** The per-host limits and parks this stack applies, for clients that build their own transport (Twitter4J). */
  public HostLimits limits() {
    return limits;
  }

  /**
   * GETs {@code uri}, following up to five redirects to http(s) addresses. Never throws for network trouble. A body
   * larger than {@code net.max-parse-bytes} is not held: it goes to WARC from a temporary file, and the response is
   * {@link Fetch.Response#overParseLimit()}.
   */
  public Fetch get(URI uri, Map<String, String> headers) {
    return follow(uri, headers, null);
  }

  /**
   * GETs {@code uri} as {@link #get} does, but holds a body of up to {@code net.max-body-bytes} in memory: for inputs
   * that are read whole (articles, documents, feeds), not for platform answers.
   */
  public Fetch getWhole(URI uri, Map<String, String> headers) {
    return follow(uri, headers, new Sink(null, settings.maxBodyBytes()));
  }

  /**
   * GETs {@code uri} as {@link #get} does (routing, politeness, retries, redirects only to http(s), every exchange in
   * WARC), but streams each body to {@code file} instead of memory, hashing it on the way, and stops reading at
   * {@code maxBytes} (the WARC record then says {@code WARC-Truncated: length}). A {@link Fetch.Response} from here
   * has an empty {@code body()}: the payload is in {@code file}, and {@code sha256()} is its digest. The file is the
   * caller's to move or delete; it holds the last hop's body.
   */
  public Fetch download(URI uri, Map<String, String> headers, Path file, long maxBytes) {
    return follow(uri, headers, new Sink(file, maxBytes));
  }

  /** Where a streamed body goes (null: memory), and how much of it to keep. */
  private record Sink(Path file, long maxBytes) {}

  private Fetch follow(URI uri, Map<String, String> headers, Sink sink) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      return new Fetch.Failure(QuerySecrets.redact(uri), clock.instant(), Fetch.Kind.INVALID_REQUEST,
          "not an http(s) address with a host: " + QuerySecrets.redact(uri) + "; not sent", null);
    }
    RedirectHop current = RedirectHop.first(uri, headers);
    // One deadline for the whole request: its redirects and retries share it.
    Budget budget = new Budget(transfer.deadline());
    for (int hop = 0; ; hop++) {
      if (budget.left.compareTo(Duration.ofMillis(1)) < 0) {
        return withOrigin(new Fetch.Failure(current.uri(), clock.instant(), Fetch.Kind.TIMEOUT, "total deadline of "
            + TransferLimits.describe(transfer.deadline()) + " passed after " + hop + " redirects; not sent", null), uri);
      }
      Fetch f = getOnce(current.uri(), current.headers(), sink, budget);
      if (!(f instanceof Fetch.Response r) || r.status() < 300 || r.status() > 399 || r.status() == 304) {
        return withOrigin(f, uri);
      }
      String location = r.header("Location").orElse(null);
      if (location == null) {
        return withOrigin(f, uri);
      }
      URI next;
      try {
        next = current.uri().resolve(new URI(location.trim()));
      } catch (URISyntaxException | IllegalArgumentException e) {
        return new Fetch.Failure(QuerySecrets.redact(uri), r.at(), Fetch.Kind.BAD_REDIRECT,
            "malformed redirect to " + QuerySecrets.scrub(location, uri), r.warc());
      }
      if (!"http".equals(next.getScheme()) && !"https".equals(next.getScheme())) {
        return new Fetch.Failure(QuerySecrets.redact(uri), r.at(), Fetch.Kind.BAD_REDIRECT,
            "redirect to non-http(s) " + QuerySecrets.redact(next), r.warc());
      }
      if (hop >= MAX_REDIRECTS) {
        return new Fetch.Failure(QuerySecrets.redact(uri), r.at(), Fetch.Kind.TOO_MANY_REDIRECTS,
            "more than " + MAX_REDIRECTS + " redirects", r.warc());
      }
      current = current.to(next);
    }
  }

  /** {@code f} as an answer to {@code origin}, with the secrets of both addresses redacted. */
  private static Fetch withOrigin(Fetch f, URI origin) {
    URI shown = QuerySecrets.redact(origin);
    if (f instanceof Fetch.Response r) {
      return new Fetch.Response(shown, QuerySecrets.redact(r.uri()), r.at(), r.status(), r.headers(), r.body(),
          r.truncated(), r.sha256(), r.warc(), r.overParseLimit());
    }
    Fetch.Failure x = (Fetch.Failure) f;
    return new Fetch.Failure(shown, x.at(), x.kind(), x.message(), x.warc());
  }

  /** What is left of a request's total deadline; the time spent waiting for a host's turn is not counted. */
  private static final class Budget {
    private Duration left;

    Budget(Duration left) {
      this.left = left;
    }
  }

  /**
   * One hop: waits for the host's turn, sends, parks the host on a rate-limit answer, retries what may be retried,
   * within what is left of {@code budget} (and takes the time it spent off it).
   */
  private Fetch getOnce(URI uri, Map<String, String> headers, Sink sink, Budget budget) {
    Settings.Politeness polite = settings.politeness();
    String host = uri.getHost();
    URI logged = QuerySecrets.redact(uri);
    boolean waitedForPark = false;
    // One deadline for all attempts together: a slow server is not given it again with each retry.
    for (int attempt = 0; ; attempt++) {
      Optional<Instant> parked = waitedForPark ? Optional.empty() : limits.parkedUntil(host);
      if (parked.isPresent()) {
        log.debug("GET {} not sent: {} is parked until {}", logged, host, parked.get());
        return new Fetch.Failure(uri, clock.instant(), Fetch.Kind.RATE_LIMITED,
            host + " is rate limited until " + parked.get() + "; not asked", null);
      }
      Fetch f;
      long sent;
      Optional<HostLimits.Permit> turn;
      try {
        turn = limits.enter(host, budget.left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Fetch.Failure(uri, clock.instant(), Fetch.Kind.IO, "interrupted while waiting to ask " + host,
            null);
      }
      if (turn.isEmpty()) {
        log.debug("GET {} not sent: {}'s next turn is further away than {}", logged, host, budget.left);
        return new Fetch.Failure(uri, clock.instant(), Fetch.Kind.RATE_LIMITED, host + "'s next turn at its"
            + " net.rate (shared with the other workers) is further away than the " + TransferLimits.describe(
            budget.left) + " left of the request's deadline; not asked", null);
      }
      try (HostLimits.Permit permit = turn.get()) {
        // Another worker (or thread) may have been told to wait while this one waited for its turn.
        Optional<Instant> parkedMeanwhile = waitedForPark ? Optional.empty() : limits.parkedUntil(host);
        if (parkedMeanwhile.isPresent()) {
          log.debug("GET {} not sent: {} was parked until {} meanwhile", logged, host, parkedMeanwhile.get());
          return new Fetch.Failure(uri, clock.instant(), Fetch.Kind.RATE_LIMITED,
              host + " is rate limited until " + parkedMeanwhile.get() + "; not asked", null);
        }
        sent = transfer.now();
        f = exchange(uri, headers, sink, budget.left);
      }
      Instant now = clock.instant();
      Optional<Instant> parkUntil = f instanceof Fetch.Response r ? limits.parkAfter(host, r) : Optional.empty();
      Optional<Duration> wait = RetryPolicy.retryWait(polite, f, attempt, now, parkUntil);
      budget.left = budget.left.minusNanos(transfer.now() - sent);
      if (attempt >= polite.retries() || wait.isEmpty() || budget.left.compareTo(Duration.ofMillis(1)) < 0) {
        return f;
      }
      log.debug("GET {}: retrying in {} ({})", logged, wait.get(), describe(f));
      try {
        sleeper.sleep(wait.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return f;
      }
      waitedForPark = parkUntil.isPresent();
    }
  }

  private static String describe(Fetch f) {
    return f instanceof Fetch.Response r ? "HTTP " + r.status() : ((Fetch.Failure) f).kind() + ": "
        + ((Fetch.Failure) f).message();
  }

  /** One exchange, written to WARC, aborted once it has run for {@code budget} or become too slow. */
  private Fetch exchange(URI uri, Map<String, String> headers, Sink sink, Duration budget) {
    URI target = routes.rewrite(uri).orElse(uri);
    if (settings.onlyRouted() && target.equals(uri) && !transport.allowedWithoutRoute(uri)) {
      return new Fetch.Failure(uri, clock.instant(), Fetch.Kind.NOT_ROUTED, uri.getHost()
          + " has no net.route, net.allow-addresses does not name it, and net.only-routed is on; not sent", null);
    }
    URI routedTo = target.equals(uri) ? null : target;
    CloseableHttpClient client = transport.clientFor(uri, routedTo != null);
    HttpGet get = new HttpGet(target);
    Map<String, String> merged = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    merged.put("User-Agent", settings.userAgent());
    merged.put("Accept", "*/*");
    merged.putAll(headers);
    if (routedTo != null) {
      // A mirror or the sandbox serves several hosts; tell it which one we meant.
      merged.put("X-Embedwatch-Original-Host", uri.getHost());
    }
    List<Map.Entry<String, String>> sent = new ArrayList<>(merged.entrySet());
    for (Map.Entry<String, String> h : sent) {
      get.setHeader(h.getKey(), h.getValue());
    }
    List<Map.Entry<String, String>> recorded = RequestHeaders.redacted(sent);
    Instant at = clock.instant();
    TransferLimits.Watch watch = transfer.watch(get, budget);
    try (watch) {
      if (sink != null && sink.file() != null) {
        return streamed(client, get, uri, routedTo, at, recorded, sink, watch);
      }
      long held = sink != null ? sink.maxBytes() : Math.min(settings.maxParseBytes(), settings.maxBodyBytes());
      ReadBody read = client.execute(get, answer -> ReadBody.read(answer, held, settings.maxBodyBytes(), watch));
      return read.answer(uri, routedTo, at, recorded, warc);
    } catch (IOException e) {
      Optional<String> tripped = watch.tripped();
      Fetch.Kind kind = tripped.isPresent() ? Fetch.Kind.TIMEOUT : kindOf(e);
      String message = tripped.orElseGet(() -> QuerySecrets.scrub(e instanceof RefusedAddressException refused
          ? refused.messageFor(uri) : e.getClass().getSimpleName() + ": " + e.getMessage(), uri));
      WarcLocation loc = warc.write(new HttpExchangeRecord(uri, routedTo, at, "GET", recorded, null, message));
      log.debug("GET {} failed: {}", QuerySecrets.redact(uri), message);
      return new Fetch.Failure(uri, at, kind, message, loc);
    }
  }

  /**
   * One exchange whose body is streamed to the sink's file and hashed on the way. Past the limit the connection is
   * dropped rather than drained, so an oversized body is never read to its end.
   */
  private Fetch streamed(CloseableHttpClient client, HttpGet get, URI uri, URI routedTo, Instant at,
      List<Map.Entry<String, String>> recorded, Sink sink, TransferLimits.Watch watch) throws IOException {
    Files.createDirectories(sink.file().toAbsolutePath().getParent());
    MessageDigest digest = Sha256.newDigest();
    boolean truncated = false;
    long length = 0;
    int status;
    String reason;
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    ClassicHttpResponse response = client.executeOpen(null, get, null);
    watch.started();
    try (OutputStream out = Files.newOutputStream(sink.file())) {
      status = response.getCode();
      reason = response.getReasonPhrase();
      for (Header h : response.getHeaders()) {
        headers.add(Map.entry(h.getName(), h.getValue()));
      }
      HttpEntity entity = response.getEntity();
      if (entity != null) {
        InputStream in = entity.getContent();
        byte[] buf = new byte[65536];
        for (int n; (n = in.read(buf)) != -1; ) {
          int keep = (int) Math.min(n, sink.maxBytes() - length);
          out.write(buf, 0, keep);
          digest.update(buf, 0, keep);
          length += keep;
          watch.counted(n);
          if (keep < n) {
            truncated = true;
            get.cancel();
            break;
          }
        }
        if (!truncated) {
          in.close();
        }
      }
    } finally {
      try {
        response.close();
      } catch (IOException e) {
        if (!truncated) {
          throw e;
        }
        // The connection was dropped on purpose at the limit; what was kept is complete up to it.
      }
    }
    HttpExchangeRecord.Response answer =
        new HttpExchangeRecord.Response(status, reason, headers, new byte[0], truncated, sink.file());
    WarcLocation loc = warc.write(new HttpExchangeRecord(uri, routedTo, at, "GET", recorded, answer, null));
    log.debug("GET {} -> {} ({} bytes to {}{})", QuerySecrets.redact(uri), status, length, sink.file(),
        truncated ? ", truncated" : "");
    return new Fetch.Response(uri, uri, at, status, headers, new byte[0], truncated,
        new Sha256(HexFormat.of().formatHex(digest.digest())), loc);
  }

  private static Fetch.Kind kindOf(IOException e) {
    if (e instanceof RefusedAddressException) {
      return Fetch.Kind.REFUSED_ADDRESS;
    }
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return Fetch.Kind.TIMEOUT;
    }
    if (e instanceof ConnectException || e instanceof UnknownHostException) {
      return Fetch.Kind.CONNECTION;
    }
    return Fetch.Kind.IO;
  }

  @Override
  public void close() throws IOException {
    transfer.close();
    transport.close();
  }
}
