package org.embedwatch.net;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import org.embedwatch.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-host politeness: a concurrency limit (a fair semaphore, per process), a spacing of requests at the host's rate
 * ({@link RequestSpacing}: this process's own, or shared by every worker on the database), and parking after a
 * rate-limit answer (each park is told to a {@link ParkListener}, which the application uses to store it; with
 * {@link StoredParks}, a park another process stored is read before each request). No park reaches further than
 * {@code net.max-park} from now, whatever the host asked for or another process stored: a longer one is cut to it,
 * logged at WARN and told to the listener as a cut. Time is read from the injected clock only. Thread-safe.
 *
 * <p>{@link HttpFetcher} owns the one instance ({@link HttpFetcher#limits()}); a client with its own transport
 * (Twitter4J) goes through the same instance, so that the limits of a host hold whichever stack asks it.
 */
public final class HostLimits {
  private static final Logger log = LoggerFactory.getLogger(HostLimits.class);
  /** How long {@link #enter(String)} waits for a host's turn at most (a client without a request deadline). */
  private static final Duration LONGEST_TURN = Duration.ofDays(1);
  private final Settings.Politeness settings;
  private final Clock clock;
  private final Sharing sharing;
  private final ConcurrentHashMap<String, Host> hosts = new ConcurrentHashMap<>();

  HostLimits(Settings.Politeness settings, Clock clock, Sleeper sleeper) {
    this(settings, clock, sleeper, ParkListener.none());
  }

  HostLimits(Settings.Politeness settings, Clock clock, Sleeper sleeper, ParkListener listener) {
    this(settings, clock, Sharing.local(clock, sleeper, listener));
  }

  HostLimits(Settings.Politeness settings, Clock clock, Sharing sharing) {
    this.settings = settings;
    this.clock = clock;
    this.sharing = sharing;
  }

  /**
   * What this process's limits share with other processes: how requests are spaced, where parks are told as they are
   * taken (or cut), and where other processes' parks are read ({@link StoredParks#none()}: only at start).
   */
  public record Sharing(RequestSpacing spacing, ParkListener listener, StoredParks stored) {
    /** Spacing kept in this process; parks told to {@code listener}, others' parks not read while running. */
    public static Sharing local(Clock clock, Sleeper sleeper, ParkListener listener) {
      return new Sharing(RequestSpacing.local(clock, sleeper), listener, StoredParks.none());
    }
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

    /** A kept park of {@code host} reached further than {@code net.max-park}: keep it only {@code until}. */
    default void cut(String host, Instant until) {
      // A listener that keeps no park has none to cut.
    }

    /** A listener that keeps nothing. */
    static ParkListener none() {
      return (host, until) -> { };
    }

    /** A listener that tells parks to {@code parked} and cuts to {@code cut}. */
    static ParkListener of(BiConsumer<String, Instant> parked, BiConsumer<String, Instant> cut) {
      return new ParkListener() {
        @Override
        public void parked(String host, Instant until) {
          parked.accept(host, until);
        }

        @Override
        public void cut(String host, Instant until) {
          cut.accept(host, until);
        }
      };
    }
  }

  /** Where the parks other processes took are read while this one runs (the database's {@code host_park}). */
  @FunctionalInterface
  public interface StoredParks {
    /** The park kept for {@code host} (lower case), if any, even one that has ended. */
    Optional<Instant> find(String host);

    /** Nothing is read. */
    static StoredParks none() {
      return host -> Optional.empty();
    }
  }

  /** A permit to send one request to a host; closing it frees the host's concurrency slot. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /** Until when {@code host} is parked, when it is parked now. */
  public Optional<Instant> parkedUntil(String host) {
    Instant now = clock.instant();
    Host h = hosts.get(key(host));
    Instant until = h == null ? null : h.parkedUntil();
    if (until != null && now.isBefore(until)) {
      return Optional.of(until);
    }
    // Not parked as far as this process knows: another process may have been told to wait meanwhile.
    Optional<Instant> stored = sharing.stored().find(key(host)).filter(now::isBefore);
    return stored.map(u -> restore(host, u));
  }

  /**
   * Sends no request to {@code host} before {@code until} (a later park wins over an earlier one), and tells the
   * listener when this moved the host's park.
   */
  public void park(String host, Instant until) {
    Instant capped = capped(host, until);
    if (host(host).park(capped)) {
      sharing.listener().parked(key(host), capped);
    }
  }

  /**
   * Parks {@code host} until {@code until} as {@link #park} does, without telling the listener of the park: for parks
   * that are kept already, such as those an earlier run or another process stored. A kept park is cut to
   * {@code net.max-park} too, and the cut told to the listener (else each later read would cut it again from its own
   * now, and the host would never be asked).
   *
   * @return until when the host is parked by this: {@code until}, or earlier when it was cut
   */
  public Instant restore(String host, Instant until) {
    Instant kept = capped(host, until);
    host(host).park(kept);
    if (kept.isBefore(until)) {
      sharing.listener().cut(key(host), kept);
    }
    return kept;
  }

  /** {@link #restore}s each of the parks an earlier run stored (host to time), saying so at INFO. */
  public void restoreAll(Map<String, Instant> parks) {
    parks.forEach((host, until) -> {
      log.info("{} is parked until {}: an earlier run was told to wait", host, until);
      restore(host, until);
    });
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
   * Waits for a concurrency slot and then for the host's next turn at its rate, however far away (at most a day).
   *
   * @throws InterruptedException if interrupted while waiting (nothing is held then)
   * @throws IllegalStateException when the host's next turn is more than a day away
   */
  public Permit enter(String host) throws InterruptedException {
    return enter(host, LONGEST_TURN).orElseThrow(() -> new IllegalStateException(
        key(host) + "'s next turn at its net.rate is more than " + LONGEST_TURN + " away"));
  }

  /**
   * Waits for a concurrency slot and then for the host's next turn at its rate, unless that turn is further away than
   * {@code maxWait} (only shared spacing refuses: see {@link RequestSpacing#take}).
   *
   * @return the permit, or empty (nothing held, nothing taken) when the turn was further away than {@code maxWait}
   * @throws InterruptedException if interrupted while waiting (nothing is held then)
   */
  public Optional<Permit> enter(String host, Duration maxWait) throws InterruptedException {
    String k = key(host);
    Host h = host(host);
    h.gate.acquire();
    try {
      if (!sharing.spacing().take(k, settings.rate(k), maxWait)) {
        h.gate.release();
        return Optional.empty();
      }
    } catch (InterruptedException | RuntimeException e) {
      h.gate.release();
      throw e;
    }
    return Optional.of(h.gate::release);
  }

  private Host host(String host) {
    return hosts.computeIfAbsent(key(host), x -> new Host(settings.concurrency(x)));
  }

  private static String key(String host) {
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }

  /** One host's state in this process: its concurrency gate and its park. */
  private static final class Host {
    final Semaphore gate;
    private Instant parkedUntil;

    Host(int concurrency) {
      this.gate = new Semaphore(concurrency == 0 ? Integer.MAX_VALUE : concurrency, true);
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
