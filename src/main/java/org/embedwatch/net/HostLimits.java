package org.embedwatch.net;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.embedwatch.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-host politeness: a concurrency limit (a fair semaphore), an even spacing of requests (each request reserves the
 * next free slot, {@code rate.interval()} after the one before, and waits for it through the {@link Sleeper}), and
 * parking after a rate-limit answer (each park is told to a {@link ParkListener}, which the application uses to store
 * it). No park reaches further than {@code net.max-park} from now, whatever the host asked for or an earlier run
 * stored: a longer one is cut to it and logged at WARN. Time is read from the injected clock only. Thread-safe.
 *
 * <p>{@link HttpFetcher} owns the one instance ({@link HttpFetcher#limits()}); a client with its own transport
 * (Twitter4J) goes through the same instance, so that the limits of a host hold whichever stack asks it.
 */
public final class HostLimits {
  private static final Logger log = LoggerFactory.getLogger(HostLimits.class);
  private final Settings.Politeness settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ParkListener listener;
  private final ConcurrentHashMap<String, Host> hosts = new ConcurrentHashMap<>();

  HostLimits(Settings.Politeness settings, Clock clock, Sleeper sleeper) {
    this(settings, clock, sleeper, ParkListener.none());
  }

  HostLimits(Settings.Politeness settings, Clock clock, Sleeper sleeper, ParkListener listener) {
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.listener = listener;
  }

  /**
   * Told of each park as it is taken, so that it can be kept beyond this process (other processes on the same
   * archive, the next run). Called on the thread that took the park, after it applies here; a park that changes
   * nothing (an earlier or equal time than the host's current park) is not told.
   */
  @FunctionalInterface
  public interface ParkListener {
    /** {@code host} (lower case) takes no request before {@code until}. */
    void parked(String host, Instant until);

    /** A listener that keeps nothing. */
    static ParkListener none() {
      return (host, until) -> { };
    }
  }

  /** A permit to send one request to a host; closing it frees the host's concurrency slot. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /** Until when {@code host} is parked, when it is parked now. */
  public Optional<Instant> parkedUntil(String host) {
    Host h = hosts.get(key(host));
    if (h == null) {
      return Optional.empty();
    }
    Instant until = h.parkedUntil();
    return until != null && clock.instant().isBefore(until) ? Optional.of(until) : Optional.empty();
  }

  /**
   * Sends no request to {@code host} before {@code until} (a later park wins over an earlier one), and tells the
   * listener when this moved the host's park.
   */
  public void park(String host, Instant until) {
    Instant capped = capped(host, until);
    if (host(host).park(capped)) {
      listener.parked(key(host), capped);
    }
  }

  /**
   * Parks {@code host} until {@code until} as {@link #park} does, without telling the listener: for parks that are
   * kept already, such as those an earlier run stored. A stored park is cut to {@code net.max-park} too.
   *
   * @return until when the host is parked by this: {@code until}, or earlier when it was cut
   */
  public Instant restore(String host, Instant until) {
    Instant kept = capped(host, until);
    host(host).park(kept);
    return kept;
  }

  /** {@code until}, or {@code net.max-park} from now when that is sooner (logged at WARN). */
  private Instant capped(String host, Instant until) {
    Instant now = clock.instant();
    Duration max = settings.maxPark();
    if (!until.isAfter(now) || Duration.between(now, until).compareTo(max) <= 0) {
      return until;
    }
    Instant cap = now.plus(max);
    log.warn("{}: a park until {} is longer than net.max-park ({}); parked until {} instead", key(host),
        until.equals(Instant.MAX) ? "beyond the end of time" : until, max, cap);
    return cap;
  }

  /**
   * Parks {@code host} after {@code response} when it says so (a 429 until {@code Retry-After}, else
   * {@code x-rate-limit-reset}, else {@code net.rate-limit-park} from now; any response with
   * {@code x-rate-limit-remaining: 0} until its reset).
   *
   * @return until when the host is now parked because of this response, or empty when it did not park it
   */
  public Optional<Instant> parkAfter(String host, Fetch.Response response) {
    Optional<Instant> until = RateLimitHeaders.parkUntil(response, clock.instant(), settings.rateLimitPark())
        .map(u -> capped(host, u));
    until.ifPresent(u -> park(host, u));
    return until;
  }

  /** How long a host is parked after a rate-limit answer that says nothing of when to come back. */
  public Duration fallbackPark() {
    return settings.rateLimitPark();
  }

  /**
   * Waits for a concurrency slot and then for the host's next request slot.
   *
   * @throws InterruptedException if interrupted while waiting (nothing is held then)
   */
  public Permit enter(String host) throws InterruptedException {
    Host h = host(host);
    h.gate.acquire();
    try {
      Duration wait = h.reserve(clock.instant());
      if (!wait.isZero()) {
        sleeper.sleep(wait);
      }
    } catch (InterruptedException | RuntimeException e) {
      h.gate.release();
      throw e;
    }
    return h.gate::release;
  }

  private Host host(String host) {
    String k = key(host);
    return hosts.computeIfAbsent(k, x -> new Host(settings.rate(x).interval(), settings.concurrency(x)));
  }

  private static String key(String host) {
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }

  /** One host's state. */
  private static final class Host {
    final Semaphore gate;
    private final Duration interval;
    private Instant nextSlot = Instant.MIN;
    private Instant parkedUntil;

    Host(Duration interval, int concurrency) {
      this.interval = interval;
      this.gate = new Semaphore(concurrency == 0 ? Integer.MAX_VALUE : concurrency, true);
    }

    /** Reserves the next request slot at or after {@code now}; returns how long to wait for it. */
    synchronized Duration reserve(Instant now) {
      if (interval.isZero()) {
        return Duration.ZERO;
      }
      Instant slot = nextSlot.isAfter(now) ? nextSlot : now;
      nextSlot = slot.plus(interval);
      return Duration.between(now, slot);
    }

    /** Parks until {@code until} unless parked later already; returns whether this moved the park. */
    synchronized boolean park(Instant until) {
      if (parkedUntil == null || until.isAfter(parkedUntil)) {
        parkedUntil = until;
        return true;
      }
      return false;
    }

    synchronized Instant parkedUntil() {
      return parkedUntil;
    }
  }
}
