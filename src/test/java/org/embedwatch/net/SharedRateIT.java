package org.embedwatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.embedwatch.testsupport.ArrivalTimes;
import org.embedwatch.config.Settings;
import org.embedwatch.store.Database;
import org.embedwatch.testsupport.PageServer;
import org.embedwatch.testsupport.StoreExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two workers (two HTTP stacks, each on its own pool of the test's database, wired as {@code App} wires them) send
 * many requests at once to one host whose {@code net.rate} is 20/s, in real time. The server's request log, over
 * sliding windows, shows the two together within the rate on PostgreSQL (one token of burst allowed), and each
 * worker within it on its own on H2, where the two together go about twice as fast. Measured figures are logged.
 */
@ExtendWith(StoreExtension.class)
class SharedRateIT {
  private static final Logger log = LoggerFactory.getLogger(SharedRateIT.class);
  private static final int RATE = 20;
  private static final int THREADS = 4;
  private static final int EACH = 15;
  /**
   * How much later than its turn a request may reach the server (waking, the socket, the server's thread) beyond
   * another's: on this shared 2-core machine some tens of milliseconds, past 100 ms while another build runs. A window
   * of the log can thus hold the turns of a window this much longer (two per-process limits still exceed it clearly).
   */
  private static final long JITTER_MILLIS = 250;

  @TempDir Path work;

  @Test
  void twoWorkersTogetherHoldTheHostsRateOnPostgresAndEachItsOwnOnH2(Settings.Store store, Database db)
      throws Exception {
    Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    try (PageServer server = PageServer.start()) {
      for (String w : List.of("/a", "/b")) {
        List<Long> times = new CopyOnWriteArrayList<>();
        arrivals.put(w, times);
        server.behaviour(w, exchange -> answer(exchange, times));
      }
      List<String> sets = List.of(server.allowSetting(), "net.rate.default=" + RATE + "/s",
          "net.concurrency.default=off");
      try (Worker a = Worker.open(store, work, sets, Clock.systemUTC(), Sleeper.real());
          Worker b = Worker.open(store, work, sets, Clock.systemUTC(), Sleeper.real())) {
        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS);
        try {
          List<Future<?>> sent = new ArrayList<>();
          for (int t = 0; t < THREADS; t++) {
            sent.add(pool.submit(() -> send(a, server.url("/a"))));
            sent.add(pool.submit(() -> send(b, server.url("/b"))));
          }
          for (Future<?> f : sent) {
            f.get(5, TimeUnit.MINUTES);
          }
        } finally {
          pool.shutdownNow();
        }
        List<Long> both = new ArrayList<>(arrivals.get("/a"));
        both.addAll(arrivals.get("/b"));
        both.sort(null);
        int total = 2 * THREADS * EACH;
        assertThat(both).hasSize(total);
        String figures = String.format("%s, %d requests: together %.1f/s (most in any 1 s: %d), a %.1f/s, b %.1f/s;"
            + " configured %d/s", a.shared() ? "PostgreSQL, shared buckets" : "H2, per process", total,
            new ArrivalTimes(both).perSecond(), new ArrivalTimes(both).mostWithin(1_000),
            new ArrivalTimes(arrivals.get("/a")).perSecond(), new ArrivalTimes(arrivals.get("/b")).perSecond(), RATE);
        log.info("measured: {}", figures);
        if (a.shared()) {
          for (long windowMillis : new long[] {500, 1_000, 2_000}) {
            assertThat(new ArrivalTimes(both).mostWithin(windowMillis)).as(figures + "; window " + windowMillis + " ms")
                .isLessThanOrEqualTo(allowed(windowMillis));
          }
          assertThat(new ArrivalTimes(both).perSecond()).as(figures).isGreaterThan(RATE * 0.8);
        } else {
          for (List<Long> one : arrivals.values()) {
            assertThat(new ArrivalTimes(one).mostWithin(1_000)).as(figures).isLessThanOrEqualTo(allowed(1_000));
          }
          assertThat(new ArrivalTimes(both).mostWithin(1_000)).as(figures + ": each worker keeps its own limit")
              .isGreaterThan(allowed(1_000));
        }
      }
    }
  }

  /** The most requests a window of {@code millis} may hold: the rate over it and the jitter, and one token of burst. */
  private static int allowed(long millis) {
    return (int) (RATE * (millis + JITTER_MILLIS) / 1_000) + 1;
  }

  private static void answer(HttpExchange exchange, List<Long> times) throws IOException {
    times.add(System.nanoTime());
    exchange.sendResponseHeaders(204, -1);
  }

  private static void send(Worker w, String url) {
    for (int i = 0; i < EACH; i++) {
      Fetch f = w.get(url);
      assertThat(f).isInstanceOfSatisfying(Fetch.Response.class, r -> assertThat(r.status()).isEqualTo(204));
    }
  }


}
