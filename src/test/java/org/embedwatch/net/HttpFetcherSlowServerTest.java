package org.embedwatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.embedwatch.archive.WarcArchive;
import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.testsupport.PageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that drips its answer or stalls (slow-loris) is cut off by the total deadline or the minimum rate, not
 * waited for read timeout after read timeout, and its retries share the one deadline. The limits read a moved clock
 * (the server moves it as it drips or stalls); their timer still looks at it every tick, so a test takes up to a
 * second or so of real time, and sleeps none.
 */
class HttpFetcherSlowServerTest {
  private static final URI SLOW = URI.create("https://slow.example/status");

  @TempDir Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final PageServer server = PageServer.start();
  private WarcArchive warc;
  private HttpFetcher http;
  /**
   * The moved clock the limits read. A dripping server waits, after each chunk, until the fetcher has read the clock
   * again (its read loop checks the limits at every read), so that the clock never runs ahead of what the fetcher saw.
   */
  private final class ObservedNanos implements java.util.function.LongSupplier {
    private final java.util.concurrent.atomic.AtomicLong value = new java.util.concurrent.atomic.AtomicLong();
    private boolean read;

    @Override
    public synchronized long getAsLong() {
      read = true;
      notifyAll();
      return value.get();
    }

    long get() {
      return value.get();
    }

    void add(Duration d) {
      value.addAndGet(d.toNanos());
    }

    /** Waits until the clock is read after this call, or the test is over. */
    synchronized void awaitRead() throws InterruptedException {
      read = false;
      while (!read && testOver.getCount() > 0) {
        wait();
      }
    }

    synchronized void release() {
      notifyAll();
    }
  }

  private final ObservedNanos observed = new ObservedNanos();

  /** Released when a test ends: a stalled exchange is held until then. */
  private final java.util.concurrent.CountDownLatch testOver = new java.util.concurrent.CountDownLatch(1);

  private void start(String... settings) {
    start(System::nanoTime, settings);
  }

  /** As {@link #start(String...)}, the deadline and the rate read from {@code nanos}. */
  private void start(java.util.function.LongSupplier nanos, String... settings) {
    List<String> sets = new ArrayList<>(List.of("net.route.slow.example=" + server.url(""), "net.rate.default=off",
        "net.only-routed=true", "net.read-timeout=PT30S"));
    sets.addAll(List.of(settings));
    Settings.Net net = new SettingsLoader(work).load(Optional.empty(), sets).net();
    warc = new WarcArchive(work.resolve("warc"), net.warcMaxFileBytes(), Map.of("software", "test"), clock);
    http = new HttpFetcher(net, warc, clock, waits::add, HostLimits.Sharing.local(clock, waits::add,
        HostLimits.ParkListener.none()), org.apache.hc.client5.http.SystemDefaultDnsResolver.INSTANCE, nanos);
  }

  @AfterEach
  void stop() throws IOException {
    testOver.countDown();
    observed.release();
    if (http != null) {
      http.close();
      warc.close();
    }
    server.close();
  }

  /**
   * Announces {@code length} bytes and sends {@code chunk} of them every {@code every} of the moved clock: after each
   * chunk it moves the clock on and waits until the fetcher has read it.
   */
  private PageServer.Behaviour drip(int length, int chunk, Duration every) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, length);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int sent = 0; sent < length && testOver.getCount() > 0; sent += chunk) {
          out.write(new byte[chunk]);
          out.flush();
          observed.add(every);
          observed.awaitRead();
        }
      } catch (IOException expected) {
        // The client hung up: what the test wants.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /**
   * Sends the head and a few bytes, moves {@code nanos} 20 s on (the answer stalls that long), then holds the exchange
   * until the test ends.
   */
  private PageServer.Behaviour stall(java.util.concurrent.atomic.AtomicLong nanos) {
    return exchange -> {
      exchange.sendResponseHeaders(200, 1000);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write("{\"id\":".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        testOver.await();
      } catch (IOException expected) {
        // The client hung up.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }


  private long requests() {
    return server.requested().stream().filter(p -> p.equals("/status")).count();
  }

  @Test
  void aServerDrippingItsAnswerFailsAsATimeoutAtTheTotalDeadlineAndIsNotAskedAgain() throws IOException {
    start(observed, "net.request-deadline=PT1.5S", "net.min-bytes-per-second=off");
    server.behaviour("/status", drip(100_000, 1, Duration.ofMillis(50)));

    long t0 = observed.get();
    Fetch f = http.get(SLOW, Map.of());
    Duration took = Duration.ofNanos(observed.get() - t0);

    assertThat(f).isInstanceOfSatisfying(Fetch.Failure.class, failure -> {
      assertThat(failure.kind()).isEqualTo(Fetch.Kind.TIMEOUT);
      assertThat(failure.message()).isEqualTo("total deadline of 1.5 s passed");
      assertThat(failure.warc()).as("the failed exchange is in WARC").isNotNull();
    });
    assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(5));
    assertThat(requests()).as("the deadline is spent: no retry").isEqualTo(1);
    assertThat(warcText()).contains("embedwatch-exchange-failure: total deadline of 1.5 s passed");
  }

  @Test
  void redirectsShareTheOneDeadlineInsteadOfEachHopGettingItsOwn() {
    java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
    start(nanos::get, "net.request-deadline=PT1S", "net.min-bytes-per-second=off");
    // Each hop answers a redirect 400 ms later (on the moved clock): five hops would take 2 s if each had its own
    // deadline.
    for (int i = 0; i < 5; i++) {
      String next = "/hop" + (i + 1);
      server.behaviour("/hop" + i, exchange -> {
        nanos.addAndGet(Duration.ofMillis(400).toNanos());
        exchange.getResponseHeaders().set("Location", next);
        exchange.sendResponseHeaders(302, -1);
      });
    }
    server.page("/hop5", "{}".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));

    long t0 = nanos.get();
    Fetch f = http.get(URI.create("https://slow.example/hop0"), Map.of());

    assertThat(Duration.ofNanos(nanos.get() - t0)).isLessThan(Duration.ofMillis(1900));
    assertThat(f).isInstanceOfSatisfying(Fetch.Failure.class, failure -> {
      assertThat(failure.kind()).isEqualTo(Fetch.Kind.TIMEOUT);
      assertThat(failure.message()).startsWith("total deadline of 1 s passed");
    });
    assertThat(server.requested()).doesNotContain("/hop5");
  }

  @Test
  void aServerThatSendsItsHeadAndThenNothingIsCutOffAtTheDeadlineNotAfterTheReadTimeout() {
    java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
    start(nanos::get, "net.request-deadline=PT1S");
    server.behaviour("/status", stall(nanos));

    long t0 = System.nanoTime();
    Fetch f = http.get(SLOW, Map.of());

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(f).isInstanceOfSatisfying(Fetch.Failure.class,
        failure -> assertThat(failure.message()).isEqualTo("total deadline of 1 s passed"));
  }

  @Test
  void aTransferSlowerThanTheMinimumRateIsAbortedAndItsRetriesShareTheOneDeadline() {
    start(observed, "net.request-deadline=PT2S", "net.min-bytes-per-second=1000", "net.min-rate-window=PT0.5S",
        "net.retries=5", "net.retry-backoff=PT0.01S");
    server.behaviour("/status", drip(100_000, 20, Duration.ofMillis(50)));

    long t0 = observed.get();
    Fetch f = http.get(SLOW, Map.of());
    Duration took = Duration.ofNanos(observed.get() - t0);

    assertThat(f).isInstanceOfSatisfying(Fetch.Failure.class, failure -> {
      assertThat(failure.kind()).isEqualTo(Fetch.Kind.TIMEOUT);
      assertThat(failure.message()).matches("slower than 1000 B/s \\(\\d+ bytes in .*\\)|total deadline of 2 s passed");
    });
    assertThat(took).as("five retries of a slow answer still end at the one deadline")
        .isLessThan(Duration.ofMillis(3500));
    assertThat(requests()).isBetween(2L, 4L);
  }

  @Test
  void aQuickAnswerIsUntouchedByTheLimits() {
    start("net.request-deadline=PT1S", "net.min-bytes-per-second=1000000", "net.min-rate-window=PT0.2S");
    server.answer("/status", 200, "application/json", "{\"id\":\"1\"}");

    Fetch f = http.get(SLOW, Map.of());

    assertThat(f).isInstanceOfSatisfying(Fetch.Response.class,
        r -> assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"1\"}"));
  }

  @Test
  void anAnswerLongerThanTheParseLimitIsArchivedWholeButNotHeld() throws IOException {
    start("net.max-parse-bytes=100000");
    byte[] big = ("{\"id\":\"1\",\"content\":\"" + "x".repeat(400_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    server.page("/status", big, Map.of("Content-Type", "application/json"));
    long partsBefore = parts();

    Fetch f = http.get(SLOW, Map.of());

    assertThat(f).isInstanceOfSatisfying(Fetch.Response.class, r -> {
      assertThat(r.overParseLimit()).isTrue();
      assertThat(r.truncated()).as("not whole in memory: never evidence").isTrue();
      assertThat(r.body()).isEmpty();
      assertThat(r.sha256()).isEqualTo(org.embedwatch.evidence.Sha256.of(big));
      assertThat(r.truncation()).isEqualTo("body larger than net.max-parse-bytes, kept in WARC but not read");
    });
    String warcText = warcText();
    assertThat(warcText).contains("Content-Length: " + big.length).contains(new String(big, StandardCharsets.UTF_8))
        .doesNotContain("WARC-Truncated");
    assertThat(parts()).as("the temporary file is gone").isEqualTo(partsBefore);
  }

  private static long parts() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith("embedwatch-body-")).count();
    }
  }

  private String warcText() throws IOException {
    warc.close();
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(work.resolve("warc"))) {
      for (Path p : files.toList()) {
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(p))) {
          all.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return all.toString();
  }
}
